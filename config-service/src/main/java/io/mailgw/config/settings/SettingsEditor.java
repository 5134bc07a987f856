package io.mailgw.config.settings;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.mailgw.config.audit.AuditKind;
import io.mailgw.config.audit.AuditLog;
import io.mailgw.config.change.ConfigChangePublisher;
import io.mailgw.config.mailbox.OutboxReferenceCheck;
import io.mailgw.config.web.JsonFields;
import io.mailgw.config.web.Violations;
import io.mailgw.events.ConfigChanged.Change;
import io.mailgw.events.ConfigChanged.Kind;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The decision behind changing the settings: the default outbox must be an existing OUTBOUND
 * mailbox, or {@code null} to unset it. The API and the admin page both change the settings
 * through here only, with {@code {"defaultOutboxId": "..."}}, and name the signed-in user who asks
 * ({@code actor}), for the audit log.
 */
@Component
public class SettingsEditor {

    private static final Set<String> KNOWN = Set.of("defaultOutboxId", "updatedAt");

    private final SettingsRepository settings;
    private final OutboxReferenceCheck outboxCheck;
    private final ConfigChangePublisher changes;
    private final AuditLog audit;
    private final Clock clock;

    SettingsEditor(SettingsRepository settings, OutboxReferenceCheck outboxCheck, ConfigChangePublisher changes,
            AuditLog audit, Clock clock) {
        this.settings = settings;
        this.outboxCheck = outboxCheck;
        this.changes = changes;
        this.audit = audit;
        this.clock = clock;
    }

    /** The settings, empty ones when none were saved yet. */
    public Settings current() {
        return settings.current();
    }

    /**
     * @param body  the settings JSON
     * @param actor the name of the signed-in user who asks
     * @throws io.mailgw.config.web.InvalidRequestException naming every broken rule
     */
    public Settings replace(JsonNode body, String actor) {
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
        audit.updated(actor, AuditKind.SETTINGS, Settings.SINGLETON_ID, SettingsView.of(stored),
                SettingsView.of(saved), false);
        return saved;
    }

    /** Now, to the millisecond, as MongoDB keeps it, so that a response shows what a later read returns. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
