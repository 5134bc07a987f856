package io.mailgw.inbound;

import java.util.List;

import io.mailgw.events.EventJson;
import io.mailgw.events.MailReceived;
import io.mailgw.events.Topics;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads {@code mail.inbound.messages} from the beginning, as a plain Kafka consumer outside the
 * gateway would, and keeps every record seen; safe to call from Awaitility's polling thread.
 */
final class InboundTopic implements AutoCloseable {

    private final KafkaTopicTail tail =
            new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.INBOUND_MESSAGES);

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
