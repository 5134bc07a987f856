package io.mailgw.inbound.lease;

import java.util.List;
import java.util.Set;

/**
 * What one round of {@link MailboxLeaseRegistry#rebalance} changed.
 *
 * @param claimed  leases this poller took
 * @param released mailboxes it gave back so that others get their share
 * @param lost     mailboxes whose lease it found in another poller's hands
 */
public record LeaseChanges(List<Lease> claimed, Set<String> released, Set<String> lost) {

    public LeaseChanges {
        claimed = List.copyOf(claimed);
        released = Set.copyOf(released);
        lost = Set.copyOf(lost);
    }

    public boolean isEmpty() {
        return claimed.isEmpty() && released.isEmpty() && lost.isEmpty();
    }
}
