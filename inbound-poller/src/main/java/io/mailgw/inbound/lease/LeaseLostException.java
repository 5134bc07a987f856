package io.mailgw.inbound.lease;

/**
 * A write made under a lease that another poller has claimed since: its fencing token is no
 * longer the newest, so the write was refused and the work behind it must stop without a trace.
 */
public class LeaseLostException extends RuntimeException {

    public LeaseLostException(Lease lease) {
        super("the lease of mailbox " + lease.mailboxId() + " (token " + lease.token()
                + ") was taken over by another poller; this one stops reading it");
    }
}
