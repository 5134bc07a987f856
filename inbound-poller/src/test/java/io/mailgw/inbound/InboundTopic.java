package io.mailgw.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.mailgw.events.EventJson;
import io.mailgw.events.MailReceived;
import io.mailgw.events.Topics;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code mail.inbound.messages} from the beginning, as a plain Kafka consumer outside the
 * gateway would, and keeps every record seen; safe to call from Awaitility's polling thread.
 */
final class InboundTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    InboundTopic() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.INBOUND_MESSAGES, Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Every record keyed by this mailbox so far. */
    synchronized List<ConsumerRecord<String, String>> recordsOf(String mailboxId) {
        consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        return seen.stream().filter(record -> mailboxId.equals(record.key())).toList();
    }

    /** Every event of this mailbox so far. */
    List<MailReceived> eventsOf(String mailboxId) {
        return recordsOf(mailboxId).stream().map(record -> EventJson.read(record.value(), MailReceived.class)).toList();
    }

    static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
