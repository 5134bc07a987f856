package io.mailgw.inbound.lease;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * Who reads a mailbox until when.
 *
 * @param mailboxId the mailbox, also the document id
 * @param owner     the poller instance holding it
 * @param expiresAt after this the lease is free for any poller
 */
record MailboxLease(@Id String mailboxId, String owner, Instant expiresAt) {
}
