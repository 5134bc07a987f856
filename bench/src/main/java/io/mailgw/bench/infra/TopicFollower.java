package io.mailgw.bench.infra;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows one topic from its end at the moment it starts, on a daemon thread of its own, and hands
 * every record to a reader: what a run measures is only what the run itself produced.
 */
public final class TopicFollower implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final Consumer<ConsumerRecord<String, String>> reader;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param reader called on the follower's thread, once per record, in each partition's order
     */
    public TopicFollower(String bootstrapServers, String topic, Consumer<ConsumerRecord<String, String>> reader) {
        this.reader = reader;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        this.thread = new Thread(this::follow, "bench-follower-" + topic);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void follow() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(reader);
            }
        }
        finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Stops following and waits up to 10 s for the thread to close its consumer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(Duration.ofSeconds(10).toMillis());
    }
}
