package io.mailgw.outbound;

import java.util.List;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.EventJson;
import io.mailgw.testing.KafkaTopicTail;

/** The {@code DeliveryStatus} events of one request, as a status-topic consumer reads them. */
public final class PublishedStatuses {

    private PublishedStatuses() {
    }

    public static List<DeliveryStatus> of(KafkaTopicTail statusTopic, String requestId) {
        return statusTopic.withKey(requestId).stream()
                .map(record -> EventJson.read(record.value(), DeliveryStatus.class))
                .toList();
    }

    /** Whether a final status of the request was published. */
    public static boolean ended(KafkaTopicTail statusTopic, String requestId) {
        return of(statusTopic, requestId).stream().anyMatch(status -> status.status().isFinal());
    }

    /** The one final status of a request; fails while there is none or when there are several. */
    public static DeliveryStatus finalOf(KafkaTopicTail statusTopic, String requestId) {
        List<DeliveryStatus> finals = of(statusTopic, requestId).stream().filter(s -> s.status().isFinal()).toList();
        if (finals.size() != 1) {
            throw new AssertionError("expected one final status of " + requestId + ", found " + finals);
        }
        return finals.get(0);
    }
}
