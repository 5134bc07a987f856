package io.mailgw.config.page;

import java.security.Principal;
import java.util.Locale;

import io.mailgw.config.settings.SettingsEditor;
import io.mailgw.config.web.InvalidRequestException;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Correo de salida predeterminado del sistema": the default outbox, chosen on the mailbox list
 * among the OUTBOUND mailboxes (or none), saved through {@link SettingsEditor} as the API does.
 */
@Controller
class SettingsPage {

    private final SettingsEditor editor;
    private final PageMessages messages;

    SettingsPage(SettingsEditor editor, PageMessages messages) {
        this.editor = editor;
        this.messages = messages;
    }

    @PostMapping("/settings")
    String replace(@RequestParam(required = false) String defaultOutboxId, Principal user, Locale locale,
            RedirectAttributes redirect) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("defaultOutboxId", defaultOutboxId == null || defaultOutboxId.isBlank() ? null : defaultOutboxId);
        try {
            editor.replace(json, user.getName());
            redirect.addFlashAttribute("notice", messages.text("notice.settingsSaved", locale));
        }
        catch (InvalidRequestException ex) {
            redirect.addFlashAttribute("settingsError", String.join("; ",
                    messages.byField(ex.violations(), locale).values()));
        }
        return "redirect:/";
    }
}
