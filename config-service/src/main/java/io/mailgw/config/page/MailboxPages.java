package io.mailgw.config.page;

import java.security.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mailgw.config.mailbox.MailboxEditor;
import io.mailgw.config.signin.MailboxSignIn;
import io.mailgw.config.web.ConflictException;
import io.mailgw.config.web.InvalidRequestException;
import io.mailgw.model.auth.AuthMethod;
import io.mailgw.model.auth.OAuth2Grant;
import io.mailgw.model.auth.OAuth2Provider;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.model.status.MailboxStatusRecorder;

import jakarta.mail.MessagingException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Buzón de Correo Electrónico": the list with each mailbox's health, "Nuevo" and the choice of
 * type ("Entrada" or "Salida"), the form of each type, "Guardar", and deletion after a
 * confirmation. Every change goes through {@link MailboxEditor}, as the API's do.
 */
@Controller
class MailboxPages {

    private final MailboxEditor editor;
    private final MailboxRepository mailboxes;
    private final SettingsRepository settings;
    private final MailboxStatusRecorder statuses;
    private final PageMessages messages;
    private final PageChoices choices;
    private final MailboxSignIn signIn;

    MailboxPages(MailboxEditor editor, MailboxRepository mailboxes, SettingsRepository settings,
            MailboxStatusRecorder statuses, PageMessages messages, PageChoices choices, MailboxSignIn signIn) {
        this.signIn = signIn;
        this.editor = editor;
        this.mailboxes = mailboxes;
        this.settings = settings;
        this.statuses = statuses;
        this.messages = messages;
        this.choices = choices;
    }

    @GetMapping("/")
    String list(Model model) {
        List<MailboxRow> rows = mailboxes.findAll(Sort.by("id")).stream()
                .map(mailbox -> MailboxRow.of(mailbox, statuses.read(mailbox.id()))).toList();
        model.addAttribute("mailboxes", rows);
        model.addAttribute("defaultOutboxId", settings.current().defaultOutboxId());
        model.addAttribute("outboxes", choices.outboxes());
        return "mailboxes";
    }

    /** "Nuevo": first the choice of type, then the form of the chosen type. */
    @GetMapping("/mailboxes/new")
    String create(@RequestParam(required = false) String type, Model model) {
        MailboxType chosen = MailboxForm.typeOf(type);
        if (chosen == null) {
            model.addAttribute("type", null);
            return "mailbox-form";
        }
        return form(model, chosen, MailboxForm.blank(chosen), null, Map.of());
    }

    /** "Guardar", or "Conectar con Microsoft/Google" ({@code connect}), which saves and then signs in. */
    @PostMapping("/mailboxes")
    String create(@RequestParam String type, @RequestParam(required = false) String connect,
            @ModelAttribute("form") MailboxForm form, Principal user, Locale locale, Model model,
            RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        MailboxType chosen = MailboxForm.typeOf(type);
        if (chosen == null) {
            return "redirect:/mailboxes/new";
        }
        try {
            Mailbox saved = editor.create(form.toJson(chosen), user.getName());
            return connect != null ? signIn(saved, locale, redirect, request, response)
                    : saved(saved, locale, redirect);
        }
        catch (InvalidRequestException ex) {
            return form(model, chosen, form, null, messages.byField(ex.violations(), locale));
        }
        catch (ConflictException ex) {
            return form(model, chosen, form, null, Map.of("id", messages.text("conflict.idTaken", locale,
                    form.getId())));
        }
    }

    @GetMapping("/mailboxes/{id}")
    String edit(@PathVariable String id, Model model) {
        Mailbox stored = editor.find(id);
        return form(model, stored.type(), MailboxForm.of(stored), stored, Map.of());
    }

    /**
     * "Guardar" on an existing mailbox (an empty secret keeps the stored one), or save and sign in
     * ({@code connect}).
     */
    @PostMapping("/mailboxes/{id}")
    String replace(@PathVariable String id, @RequestParam(required = false) String connect,
            @ModelAttribute("form") MailboxForm form, Principal user, Locale locale, Model model,
            RedirectAttributes redirect, HttpServletRequest request, HttpServletResponse response) {
        Mailbox stored = editor.find(id);
        form.setId(id);
        try {
            Mailbox saved = editor.replace(id, form.toJson(stored.type()), user.getName());
            return connect != null ? signIn(saved, locale, redirect, request, response)
                    : saved(saved, locale, redirect);
        }
        catch (InvalidRequestException ex) {
            return form(model, stored.type(), form, stored, messages.byField(ex.violations(), locale));
        }
    }

    @GetMapping("/mailboxes/{id}/delete")
    String confirmDelete(@PathVariable String id, Model model) {
        Mailbox stored = editor.find(id);
        return confirmation(model, stored, null);
    }

    @PostMapping("/mailboxes/{id}/delete")
    String delete(@PathVariable String id, Principal user, Locale locale, Model model, RedirectAttributes redirect) {
        Mailbox stored = editor.find(id);
        try {
            editor.delete(id, user.getName());
        }
        catch (ConflictException ex) {
            return confirmation(model, stored, messages.text("refusal.mailboxInUse", locale,
                    messages.references(ex.referencedBy(), locale)));
        }
        redirect.addFlashAttribute("notice", messages.text("notice.mailboxDeleted", locale, stored.name()));
        return "redirect:/";
    }

    /** Sends the browser to the provider's sign-in page for a saved delegated mailbox. */
    private String signIn(Mailbox saved, Locale locale, RedirectAttributes redirect, HttpServletRequest request,
            HttpServletResponse response) {
        if (!MailboxSignIn.offered(saved)) {
            return saved(saved, locale, redirect);
        }
        try {
            return "redirect:" + signIn.start(saved, request, response);
        }
        catch (MessagingException ex) {
            redirect.addFlashAttribute("alert", messages.text("signIn.failed", locale, ex.getMessage()));
            return "redirect:/mailboxes/" + saved.id();
        }
    }

    private String saved(Mailbox saved, Locale locale, RedirectAttributes redirect) {
        redirect.addFlashAttribute("notice", messages.text("notice.mailboxSaved", locale, saved.name()));
        return "redirect:/";
    }

    private String form(Model model, MailboxType type, MailboxForm form, Mailbox stored, Map<String, String> errors) {
        form.forgetSecrets();
        model.addAttribute("type", type);
        model.addAttribute("form", form);
        model.addAttribute("stored", stored != null);
        model.addAttribute("storedName", stored != null ? stored.name() : null);
        model.addAttribute("passwordSet", stored != null && stored.auth().hasSecret(SecretField.PASSWORD));
        model.addAttribute("login", LoginState.of(stored, stored == null ? null : statuses.read(stored.id())));
        model.addAttribute("authMethods", AuthMethod.values());
        model.addAttribute("providers", OAuth2Provider.values());
        model.addAttribute("grants", OAuth2Grant.values());
        model.addAttribute("errors", errors);
        model.addAttribute("contracts", choices.contracts());
        model.addAttribute("protocols", InboundProtocol.values());
        model.addAttribute("afterReads", AfterRead.values());
        model.addAttribute("startFroms", StartFrom.values());
        model.addAttribute("securities", SmtpSecurity.values());
        return "mailbox-form";
    }

    private String confirmation(Model model, Mailbox stored, String refusal) {
        model.addAttribute("kind", "mailbox");
        model.addAttribute("id", stored.id());
        model.addAttribute("name", stored.name());
        model.addAttribute("refusal", refusal);
        return "confirm-delete";
    }
}
