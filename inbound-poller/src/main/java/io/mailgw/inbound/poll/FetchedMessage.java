package io.mailgw.inbound.poll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

import io.mailgw.model.mailbox.Mailbox;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;

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

    /**
     * The RFC 822 bytes of a message exactly as the server gives them.
     *
     * @param which the message as the protocol names it, for the error ({@code UID 7}, {@code UIDL abc})
     */
    public static byte[] rawOf(Message message, String which) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(message.getSize(), 1024));
        try {
            message.writeTo(out);
        }
        catch (IOException ex) {
            throw new MessagingException("Reading message " + which + " failed", ex);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "FetchedMessage[eventId=" + eventId + ", bytes=" + raw.length + "]";
    }
}
