package io.mailgw.bench.outbound;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.EventJson;
import io.mailgw.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Follows {@code mail.outbound.status} from its end at the moment it starts, and keeps each
 * request's final status ({@code SENT}, {@code FAILED} or {@code REJECTED}) with the status
 * record's timestamp: the time the sender published it, right after the SMTP {@code 250}.
 */
final class StatusWatcher implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Map<String, FinalStatus> finals = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    StatusWatcher(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.OUTBOUND_STATUS, Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::follow, "bench-status-watcher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    take(record);
                }
            }
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
        }
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
        running = false;
        thread.join(Duration.ofSeconds(10).toMillis());
    }

    /**
     * @param at the status record's timestamp, epoch ms
     */
    record FinalStatus(DeliveryStatus.Status status, long at) {
    }
}
