package io.mailgw.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A configuration document changed ({@code mail.config.changes}, compacted, keyed by id).
 * It carries no values, and so no secrets: a service that cares re-reads the document.
 */
public record ConfigChanged(Kind kind, String id, Change change, Instant at) {

    public ConfigChanged {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(at, "at");
    }

    public enum Kind {
        MAILBOX,
        CONTRACT,
        SETTINGS
    }

    public enum Change {
        CREATED,
        UPDATED,
        DELETED
    }
}
