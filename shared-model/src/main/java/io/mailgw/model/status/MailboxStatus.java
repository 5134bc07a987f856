package io.mailgw.model.status;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What the gateway last saw of one mailbox.
 *
 * @param mailboxId     the mailbox, also the document id
 * @param lastError     the last failure in plain words, never a secret
 * @param messages      messages read (inbound) or sent (outbound) since the mailbox exists
 * @param failures      failed polls or sends since the mailbox exists
 * @param nextAttemptAt when the gateway next tries the mailbox after a failure, or when its next poll is
 *                      due; {@code null} when it waits for news (IMAP IDLE) or for nothing in particular
 */
@Document(MailboxStatus.COLLECTION)
public record MailboxStatus(
        @Id String mailboxId,
        MailboxState state,
        Instant lastSuccessAt,
        Instant lastErrorAt,
        String lastError,
        long messages,
        long failures,
        Instant updatedAt,
        Instant nextAttemptAt) {

    public static final String COLLECTION = "mailbox_status";

    /** The status of a mailbox the gateway has not used yet. */
    public static MailboxStatus unknown(String mailboxId) {
        return new MailboxStatus(mailboxId, null, null, null, null, 0, 0, null, null);
    }
}
