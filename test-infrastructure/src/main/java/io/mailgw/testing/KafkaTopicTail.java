package io.mailgw.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads one topic from its beginning on a background thread and keeps every record, for assertions. */
public final class KafkaTopicTail implements AutoCloseable {

    private final List<ConsumerRecord<String, String>> records = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread reader;

    public KafkaTopicTail(String bootstrapServers, String topic) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = partitionsOf(consumer, topic);
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(() -> read(consumer), "tail-" + topic);
        reader.setDaemon(true);
        reader.start();
    }

    /** The topic's partitions, waiting up to 30 s for a topic created a moment ago to show them. */
    private static List<TopicPartition> partitionsOf(KafkaConsumer<String, String> consumer, String topic) {
        List<TopicPartition> partitions = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
        }
        if (partitions.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partitions after 30 s: it was never created");
        }
        return partitions;
    }

    public List<ConsumerRecord<String, String>> records() {
        return List.copyOf(records);
    }

    /** The records with this key, in the order they were read. */
    public List<ConsumerRecord<String, String>> withKey(String key) {
        return records.stream().filter(record -> key.equals(record.key())).toList();
    }

    private void read(KafkaConsumer<String, String> consumer) {
        try (consumer) {
            while (running.get()) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        reader.join(5_000);
    }
}
