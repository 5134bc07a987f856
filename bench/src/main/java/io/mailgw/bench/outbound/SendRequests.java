package io.mailgw.bench.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mailgw.events.EventJson;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;

/**
 * The requests a run publishes: CONTRACT §3 {@code SendMailRequested} JSON for one contract's
 * own outbox, one recipient, a plain-text body of the run's size. The body is made once and
 * shared, so that building 20,000 requests costs the harness little.
 */
final class SendRequests {

    static final String RECIPIENT = "Ana <ana@cliente.example>";

    private final String contractId;
    private final String body;

    /**
     * @param bodyBytes size of the text body in bytes (ASCII), such as 10,240
     */
    SendRequests(String contractId, int bodyBytes) {
        this.contractId = contractId;
        this.body = textOf(bodyBytes);
    }

    /** A request whose id is {@code prefix-<n>}; its record key is the contract. */
    OutgoingRequest request(String prefix, int number) {
        String requestId = prefix + "-" + number;
        SendMailRequested request = new SendMailRequested(requestId, contractId, OutboxChoice.SPECIFIC,
                List.of(RECIPIENT), List.of(), List.of(), null, "Bench request " + requestId, body, null,
                List.of(), null, List.of(), Map.of("flowId", "bench", "stepId", prefix));
        return new OutgoingRequest(requestId, request.recordKey(), EventJson.write(request));
    }

    List<OutgoingRequest> requests(String prefix, int count) {
        List<OutgoingRequest> requests = new ArrayList<>(count);
        for (int number = 1; number <= count; number++) {
            requests.add(request(prefix, number));
        }
        return requests;
    }

    /** Short lines of plain words, up to exactly {@code bytes} characters of ASCII. */
    static String textOf(int bytes) {
        StringBuilder text = new StringBuilder(bytes + 80);
        while (text.length() < bytes) {
            text.append("The quick brown fox jumps over the lazy dog, and the service desk answers it.\n");
        }
        text.setLength(bytes);
        return text.toString();
    }

    /** One request as it goes on the topic. */
    record OutgoingRequest(String requestId, String key, String json) {
    }
}
