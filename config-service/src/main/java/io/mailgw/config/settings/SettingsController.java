package io.mailgw.config.settings;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.mailgw.config.change.ConfigChangePublisher;
import io.mailgw.config.mailbox.OutboxReferenceCheck;
import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
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

    private static final Set<String> KNOWN = Set.of("defaultOutboxId", "updatedAt");

    private final SettingsRepository settings;
    private final OutboxReferenceCheck outboxCheck;
    private final ConfigChangePublisher changes;
    private final Clock clock;

    SettingsController(SettingsRepository settings, OutboxReferenceCheck outboxCheck, ConfigChangePublisher changes,
            Clock clock) {
        this.settings = settings;
        this.outboxCheck = outboxCheck;
        this.changes = changes;
        this.clock = clock;
    }

    @GetMapping
    SettingsView read() {
        return SettingsView.of(settings.current());
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    SettingsView replace(@RequestBody JsonNode body) {
        Settings stored = settings.current();
        Violations violations = new Violations();
        JsonFields json = JsonFields.of(body, violations);
        json.rejectUnknown(KNOWN, "the settings");
        String defaultOutboxId = json.text("defaultOutboxId");
        outboxCheck.check("defaultOutboxId", defaultOutboxId, violations);
        violations.throwIfAny();
        Settings saved = settings.save(new Settings(Settings.SINGLETON_ID, defaultOutboxId, now(),
                stored.version()));
        changes.publish(Kind.SETTINGS, Settings.SINGLETON_ID, Change.UPDATED);
        return SettingsView.of(saved);
    }

    /** Now, to the millisecond, as MongoDB keeps it, so that a response shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
