package io.mailgw.model.settings;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The installation's settings, a single document with id {@value #SINGLETON_ID}.
 *
 * @param defaultOutboxId the system default outbox ("correo de salida predeterminado del sistema")
 */
@Document(Settings.COLLECTION)
public record Settings(@Id String id, String defaultOutboxId, Instant updatedAt, @Version Long version) {

    public static final String COLLECTION = "settings";
    public static final String SINGLETON_ID = "system";

    public static Settings empty() {
        return new Settings(SINGLETON_ID, null, null, null);
    }
}
