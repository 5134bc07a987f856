package io.mailgw.inbound.poll;

import java.time.Instant;
import java.util.Objects;

import io.mailgw.model.mailbox.Mailbox;

/**
 * One message as read from the server, before parsing.
 *
 * @param eventId     deterministic id (CONTRACT §3)
 * @param uidValidity IMAP only, else {@code null}
 * @param uid         IMAP only, else {@code null}
 * @param receivedAt  when the server received it, {@code null} when the protocol does not say
 * @param raw         the RFC 822 bytes exactly as the server gave them
 */
public record FetchedMessage(Mailbox mailbox, String eventId, Long uidValidity, Long uid, Instant receivedAt,
                             byte[] raw) {

    public FetchedMessage {
        Objects.requireNonNull(mailbox, "mailbox");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public String toString() {
        return "FetchedMessage[eventId=" + eventId + ", bytes=" + raw.length + "]";
    }
}
