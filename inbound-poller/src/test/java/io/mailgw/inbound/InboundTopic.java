package io.mailgw.inbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.mailgw.events.EventJson;
import io.mailgw.events.MailReceived;
import io.mailgw.events.Topics;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import static org.awaitility.Awaitility.await;

/**
 * Reads {@code mail.inbound.messages} from the beginning, as a plain Kafka consumer outside the
 * gateway would, and keeps every record seen; safe to call from Awaitility's polling thread.
 */
final class InboundTopic implements AutoCloseable {

    private final KafkaTopicTail tail =
            new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.INBOUND_MESSAGES);

    /** A tail of the topic once a poller has created it (a tail of a missing topic would read nothing). */
    static InboundTopic whenCreated(Duration atMost) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            await().atMost(atMost).until(() -> admin.listTopics().names().get().contains(Topics.INBOUND_MESSAGES));
        }
        return new InboundTopic();
    }

    /** Every record keyed by this mailbox so far. */
    List<ConsumerRecord<String, String>> recordsOf(String mailboxId) {
        return tail.withKey(mailboxId);
    }

    /** Every event of this mailbox so far. */
    List<MailReceived> eventsOf(String mailboxId) {
        return recordsOf(mailboxId).stream().map(record -> EventJson.read(record.value(), MailReceived.class)).toList();
    }

    /** Every event on the topic so far. */
    List<MailReceived> eventsOfAll() {
        return tail.records().stream().map(record -> EventJson.read(record.value(), MailReceived.class)).toList();
    }

    @Override
    public void close() throws InterruptedException {
        tail.close();
    }
}
