package io.mailgw.inbound.poll;

import java.util.List;

/**
 * The next messages to read from a folder, oldest first.
 *
 * @param refs the messages, at most a batch
 * @param more whether more new messages wait behind them
 */
public record Listing(List<MessageRef> refs, boolean more) {

    public static final Listing EMPTY = new Listing(List.of(), false);

    public Listing {
        refs = List.copyOf(refs);
    }

    public boolean isEmpty() {
        return refs.isEmpty();
    }
}
