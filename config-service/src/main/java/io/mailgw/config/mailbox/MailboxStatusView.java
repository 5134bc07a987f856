package io.mailgw.config.mailbox;

import java.time.Instant;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;

/**
 * The runtime health of a mailbox as the poller and the sender last recorded it.
 *
 * @param state    {@code DISABLED} while the mailbox is disabled, whatever was last recorded;
 *                 {@code null} until the gateway first uses the mailbox
 * @param messages messages read (inbound) or sent (outbound) so far
 * @param failures failed polls or sends so far
 * @param nextAttemptAt when the gateway tries the mailbox next after a failure, or polls it next; absent
 *                      while it waits for news (IMAP IDLE)
 */
public record MailboxStatusView(String mailboxId, MailboxState state, Instant lastSuccessAt, Instant lastErrorAt,
        String lastError, long messages, long failures, Instant updatedAt, Instant nextAttemptAt) {

    public static MailboxStatusView of(Mailbox mailbox, MailboxStatus status) {
        MailboxState state = mailbox.enabled() ? status.state() : MailboxState.DISABLED;
        return new MailboxStatusView(mailbox.id(), state, status.lastSuccessAt(), status.lastErrorAt(),
                status.lastError(), status.messages(), status.failures(), status.updatedAt(),
                mailbox.enabled() ? status.nextAttemptAt() : null);
    }
}
