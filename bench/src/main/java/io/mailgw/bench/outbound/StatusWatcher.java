package io.mailgw.bench.outbound;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mailgw.bench.infra.TopicFollower;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.EventJson;
import io.mailgw.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Follows {@code mail.outbound.status} from its end at the moment it starts, and keeps each
 * request's final status ({@code SENT}, {@code FAILED} or {@code REJECTED}) with the status
 * record's timestamp: the time the sender published it, right after the SMTP {@code 250}.
 */
final class StatusWatcher implements AutoCloseable {

    private final TopicFollower follower;
    private final Map<String, FinalStatus> finals = new ConcurrentHashMap<>();

    StatusWatcher(String bootstrapServers) {
        this.follower = new TopicFollower(bootstrapServers, Topics.OUTBOUND_STATUS, this::take);
    }

    private void take(ConsumerRecord<String, String> record) {
        DeliveryStatus status;
        try {
            status = EventJson.read(record.value(), DeliveryStatus.class);
        }
        catch (RuntimeException ex) {
            return;
        }
        if (status.status() != DeliveryStatus.Status.RETRYING) {
            finals.putIfAbsent(status.requestId(), new FinalStatus(status.status(), record.timestamp()));
        }
    }

    /**
     * Waits until every one of {@code requestIds} has its final status, or the deadline passes.
     *
     * @return whether all ended in time
     */
    boolean awaitFinal(Collection<String> requestIds, Duration deadline) {
        try {
            Awaitility.await().atMost(deadline).pollInterval(Duration.ofMillis(100))
                    .until(() -> requestIds.stream().allMatch(finals::containsKey));
            return true;
        }
        catch (ConditionTimeoutException ex) {
            return false;
        }
    }

    FinalStatus finalOf(String requestId) {
        return finals.get(requestId);
    }

    @Override
    public void close() throws InterruptedException {
        follower.close();
    }

    /**
     * @param at the status record's timestamp, epoch ms
     */
    record FinalStatus(DeliveryStatus.Status status, long at) {
    }
}
