package io.mailgw.inbound.lease;

import java.time.Instant;

import org.springframework.data.annotation.Id;

/**
 * Who reads a mailbox until when ({@code inbound_leases}).
 *
 * @param mailboxId the mailbox, also the document id
 * @param owner     the poller instance holding it, or {@code null} once given back
 * @param expiresAt after this the lease is free for any poller
 * @param token     the fencing token of the current holder
 */
record LeaseDocument(@Id String mailboxId, String owner, Instant expiresAt, long token) {
}
