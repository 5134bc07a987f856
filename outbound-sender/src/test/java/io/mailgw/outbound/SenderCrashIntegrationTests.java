package io.mailgw.outbound;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.EventJson;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.settings.Settings;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.smtp.ReceivedMessage;
import io.mailgw.testing.smtp.ScriptedSmtpServer;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Crash safety: the sender, in a JVM of its own, is killed hard ({@code kill -9}) in the middle of
 * 2,000 requests and started again. Every request ends in exactly one final outcome; the messages
 * the server got twice are at most those the delivery log held mid-send at the kill, each with the
 * same Message-ID, and their final status says they may be duplicates.
 */
class SenderCrashIntegrationTests {

    private static final int REQUESTS = Integer.getInteger("crash.requests", 2_000);
    private static final String NAME = "it-crash";
    private static final String DATABASE = "outbound-crash";
    private static final Duration PATIENCE = Duration.ofMinutes(10);
    /** As many as the sender gives its topics: a tail knows only the partitions a topic had when it opened. */
    private static final int PARTITIONS = 12;

    private final SenderTopics topics = SenderTopics.named(NAME);

    @Test
    void killedHardMidStreamAndStartedAgainEndsEveryRequestOnceWithDuplicatesOnlyFromSendsInFlight()
            throws Exception {
        createTopics();
        try (ScriptedSmtpServer sink = ScriptedSmtpServer.start();
             MongoClient client = MongoClients.create(TestInfrastructure.mongoUri(DATABASE));
             KafkaTopicTail statuses = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(),
                     NAME + ".status")) {
            MongoTemplate mongo = new MongoTemplate(client, DATABASE);
            seed(mongo, sink.port());
            Path log = Path.of("target", "crash-test-sender.log");
            List<String> ids = publish();

            long sendingAtKill;
            try (SenderProcess first = SenderProcess.start(topics, DATABASE, log)) {
                await().atMost(PATIENCE).until(() -> sink.messages().size() >= REQUESTS / 5);
                first.killHard();
                sendingAtKill = mongo.count(Query.query(Criteria.where("state").is(DeliveryState.SENDING)),
                        DeliveryRecord.class);
            }
            int beforeRestart = sink.messages().size();
            try (SenderProcess second = SenderProcess.start(topics, DATABASE, log)) {
                await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            Set<String> ended = finalStatuses(statuses).keySet();
                            assertThat(ids).as("requests without a final status")
                                    .filteredOn(id -> !ended.contains(id)).isEmpty();
                        });
            }

            Map<String, List<DeliveryStatus>> finals = finalStatuses(statuses);
            Map<String, Long> copiesByMessageId = sink.messages().stream()
                    .collect(Collectors.groupingBy(ReceivedMessage::messageId, Collectors.counting()));
            List<String> duplicated = copiesByMessageId.entrySet().stream().filter(entry -> entry.getValue() > 1)
                    .map(Map.Entry::getKey).toList();
            long duplicates = copiesByMessageId.values().stream().mapToLong(copies -> copies - 1).sum();
            System.out.printf("Crash test: killed after %d of %d messages reached the server, %d requests were "
                    + "mid-send (SENDING) at the kill; after the restart %d messages, %d distinct, %d duplicate(s)%n",
                    beforeRestart, REQUESTS, sendingAtKill, sink.messages().size(), copiesByMessageId.size(),
                    duplicates);

            assertThat(finals.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(finals.values()).allSatisfy(outcomes -> assertThat(outcomes)
                    .extracting(DeliveryStatus::status).containsOnly(DeliveryStatus.Status.SENT));
            assertThat(copiesByMessageId).hasSize(REQUESTS);
            assertThat(duplicates).isLessThanOrEqualTo(sendingAtKill);
            Map<String, DeliveryStatus> byMessageId = finals.values().stream().map(list -> list.get(0))
                    .collect(Collectors.toMap(DeliveryStatus::messageId, Function.identity()));
            assertThat(duplicated).allSatisfy(messageId ->
                    assertThat(byMessageId.get(messageId).possibleDuplicate()).isTrue());
        }
    }

    /** The final statuses of each request, one per distinct event (published again after a crash, it is one). */
    private static Map<String, List<DeliveryStatus>> finalStatuses(KafkaTopicTail statuses) {
        return statuses.records().stream()
                .map(record -> EventJson.read(record.value(), DeliveryStatus.class))
                .filter(status -> status.status().isFinal())
                .distinct()
                .collect(Collectors.groupingBy(DeliveryStatus::requestId));
    }

    private List<String> publish() {
        List<String> ids = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (int i = 0; i < REQUESTS; i++) {
                String id = EngineRequests.uniqueId("crash-" + i);
                ids.add(id);
                producer.send(new ProducerRecord<>(topics.requests(), "default",
                        EngineRequests.viaDefault(id, "ana@cliente.example", id)));
            }
            producer.flush();
        }
        return ids;
    }

    private static void seed(MongoTemplate mongo, int port) {
        mongo.dropCollection(DeliveryRecord.class);
        mongo.dropCollection(Mailbox.class);
        mongo.dropCollection(Settings.class);
        mongo.save(TestOutboxes.plainSmtp("mbx-default", port, "noreply@gateway.example"));
        mongo.save(new Settings(Settings.SINGLETON_ID, "mbx-default", Instant.now(), null));
    }

    private void createTopics() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = List.of(topics.requests(), NAME + ".status", NAME + ".requests.dlt").stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList();
            admin.createTopics(missing).all().get();
        }
    }
}
