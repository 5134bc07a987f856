package io.mailgw.config.settings;

import java.security.Principal;

import tools.jackson.databind.JsonNode;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/settings} of CONTRACT §4: {@code {"defaultOutboxId": "..."}}, which must name an
 * OUTBOUND mailbox; {@code null} (or leaving it out) unsets it.
 */
@RestController
@RequestMapping(SettingsController.PATH)
class SettingsController {

    static final String PATH = "/api/v1/settings";

    private final SettingsEditor editor;

    SettingsController(SettingsEditor editor) {
        this.editor = editor;
    }

    @GetMapping
    SettingsView read() {
        return SettingsView.of(editor.current());
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SettingsView replace(@RequestBody JsonNode body, Principal user) {
        return SettingsView.of(editor.replace(body, user.getName()));
    }
}
