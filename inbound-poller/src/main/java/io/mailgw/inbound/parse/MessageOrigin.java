package io.mailgw.inbound.parse;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a message comes from: the event fields that the MIME text does not carry.
 *
 * @param uidValidity IMAP only, else {@code null}
 * @param uid         IMAP only, else {@code null}
 * @param receivedAt  when the server received it, or {@code null}: then the top {@code Received}
 *                    header's date, else {@code polledAt}
 * @param rawBlobId   where the raw message is kept
 */
public record MessageOrigin(String eventId, String mailboxId, String contractId, String protocol, String folder,
                            Long uidValidity, Long uid, Instant receivedAt, Instant polledAt, String rawBlobId) {

    public MessageOrigin {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(mailboxId, "mailboxId");
        Objects.requireNonNull(polledAt, "polledAt");
    }
}
