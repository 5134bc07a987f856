package io.mailgw.outbound.request;

import java.util.Map;

import io.mailgw.events.SendMailRequested;

/** A record value read as a send request: usable, or not, with what could be recovered from it. */
public sealed interface RequestReading {

    record Readable(SendMailRequested request) implements RequestReading {
    }

    /**
     * A record that is not JSON, not of the event's shape, or breaks the contract's rules.
     *
     * @param requestId the request's id when one could be read, to answer it with a status; else {@code null}
     * @param code      {@code INVALID_JSON} or {@code INVALID_REQUEST}
     * @param message   what is wrong, naming the field(s)
     */
    record Unreadable(String requestId, String contractId, Map<String, String> context, String code, String message)
            implements RequestReading {
    }
}
