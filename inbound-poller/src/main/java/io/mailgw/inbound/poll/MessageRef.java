package io.mailgw.inbound.poll;

import java.time.Instant;
import java.util.Objects;

import io.mailgw.inbound.checkpoint.Position;

/**
 * One message as listed on its server, before its bytes are read.
 *
 * @param eventId    deterministic id (CONTRACT §3)
 * @param position   where it sits, as the checkpoint counts it
 * @param size       its size as the server announced it, or -1
 * @param receivedAt when the server received it (IMAP INTERNALDATE), or {@code null}
 * @param recheck    whether it may be a message published before under other ids (after a UIDVALIDITY
 *                   change): published only when its fingerprint is new
 */
public record MessageRef(String eventId, Position position, long size, Instant receivedAt, boolean recheck) {

    public MessageRef {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(position, "position");
    }

    /** IMAP UIDVALIDITY, else {@code null}. */
    public Long uidValidity() {
        return position instanceof Position.Imap imap ? imap.uidValidity() : null;
    }

    /** IMAP UID, else {@code null}. */
    public Long uid() {
        return position instanceof Position.Imap imap ? imap.uid() : null;
    }

    /** The message as its protocol names it, for logs and errors: {@code UID 7}, {@code UIDL abc}. */
    public String describe() {
        return position instanceof Position.Imap imap ? "UID " + imap.uid() : "UIDL " + ((Position.Pop3) position).uidl();
    }
}
