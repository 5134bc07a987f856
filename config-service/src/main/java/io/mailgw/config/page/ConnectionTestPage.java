package io.mailgw.config.page;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import io.mailgw.config.connection.MailboxConnectionTest;
import io.mailgw.config.connection.MailboxConnectionTest.Outcome;
import io.mailgw.config.mailbox.MailboxEditor;
import io.mailgw.config.web.InvalidRequestException;
import io.mailgw.model.mailbox.MailboxType;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * "Probar conexión": tests the values in the mailbox form, saved or not, through the same
 * connection test as the API, for the form's small script (with the form's CSRF token, in the
 * page's session), and answers in the page's language by the test's {@code code}.
 */
@Controller
class ConnectionTestPage {

    private final MailboxConnectionTest connectionTest;
    private final MailboxEditor editor;
    private final PageMessages messages;

    ConnectionTestPage(MailboxConnectionTest connectionTest, MailboxEditor editor, PageMessages messages) {
        this.connectionTest = connectionTest;
        this.editor = editor;
        this.messages = messages;
    }

    /** The form of a new mailbox. */
    @PostMapping(path = "/mailboxes/test", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Answer testNew(@RequestParam(required = false) String type, @ModelAttribute MailboxForm form, Locale locale) {
        MailboxType chosen = MailboxForm.typeOf(type);
        if (chosen == null) {
            return new Answer(false, "INVALID", messages.text("violation.mailbox.type.required", locale), null);
        }
        return test(form, form.toJson(chosen), locale);
    }

    /** The edit form of a saved mailbox; an empty password logs in with the stored one, towards the saved host only. */
    @PostMapping(path = "/mailboxes/{id}/test", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Answer testSaved(@PathVariable String id, @ModelAttribute MailboxForm form, Locale locale) {
        MailboxType type = editor.find(id).type();
        form.setId(id);
        return test(form, form.toJson(type), locale);
    }

    private Answer test(MailboxForm form, ObjectNode mailbox, Locale locale) {
        try {
            Outcome outcome = connectionTest.test(mailbox);
            return new Answer(outcome.ok(), outcome.code(), say(outcome, form.getAuth().isOAuth2(), locale),
                    outcome.detail());
        }
        catch (InvalidRequestException ex) {
            Map<String, String> errors = messages.byField(ex.violations(), locale);
            String fields = errors.entrySet().stream()
                    .map(error -> messages.label(error.getKey(), locale) + ": " + error.getValue())
                    .collect(Collectors.joining(" "));
            return new Answer(false, "INVALID", messages.text("connection.INVALID", locale, fields), null);
        }
    }

    private String say(Outcome outcome, boolean oauth2, Locale locale) {
        if (outcome.ok() && outcome.messageCount() != null) {
            return messages.text("connection.OK.inbound", locale, outcome.messageCount(),
                    messages.text("connection.idle." + Boolean.TRUE.equals(outcome.idleSupported()), locale));
        }
        String code = "connection." + outcome.code() + (oauth2 && "AUTH_FAILED".equals(outcome.code()) ? ".oauth2" : "");
        return messages.textOr(code, outcome.detail(), locale);
    }

    /**
     * The answer the form's script shows.
     *
     * @param message the outcome in the page's language
     * @param detail  the test's own plain English detail, shown on hover; never a secret
     */
    record Answer(boolean ok, String code, String message, String detail) {
    }
}
