package io.mailgw.inbound.lease;

import java.util.Objects;

/**
 * This poller's claim on one mailbox.
 *
 * @param mailboxId the mailbox
 * @param token     the fencing token: it grows with every claim by a new holder, so that a write
 *                  made under an older token can be told apart and refused
 */
public record Lease(String mailboxId, long token) {

    public Lease {
        Objects.requireNonNull(mailboxId, "mailboxId");
    }
}
