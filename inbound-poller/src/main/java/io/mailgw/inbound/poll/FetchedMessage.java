package io.mailgw.inbound.poll;

import java.util.Objects;

import io.mailgw.inbound.raw.RawMessage;

/**
 * One message as read from the server, before anything parses it.
 *
 * @param raw the RFC 822 bytes exactly as the server gave them; closing deletes a spool file
 */
public record FetchedMessage(MessageRef ref, RawMessage raw) implements AutoCloseable {

    public FetchedMessage {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(raw, "raw");
    }

    @Override
    public void close() {
        raw.close();
    }
}
