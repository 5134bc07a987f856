package io.mailgw.config.settings;

import java.time.Instant;

import io.mailgw.model.settings.Settings;

/**
 * The settings as the API shows them.
 *
 * @param defaultOutboxId the OUTBOUND mailbox every contract can fall back on; {@code null} when unset
 * @param updatedAt       last change; {@code null} when never saved
 */
public record SettingsView(String defaultOutboxId, Instant updatedAt) {

    public static SettingsView of(Settings settings) {
        return new SettingsView(settings.defaultOutboxId(), settings.updatedAt());
    }
}
