package io.mailgw.config.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.delivery.DeliveryStep;
import io.mailgw.testing.ForeignEngine;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.delivery.TestDeliveries.failed;
import static io.mailgw.config.delivery.TestDeliveries.failedWithFullHistory;
import static io.mailgw.config.delivery.TestDeliveries.rejected;
import static io.mailgw.config.delivery.TestDeliveries.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The re-drive against the embedded Kafka broker and the wire server: dead letters written with a
 * plain producer, the requests topic read with a plain consumer, the ledger read back from MongoDB.
 * The class has topics of its own, so that no other test's letters are in the way. Request ids differ
 * from test to test, because the letters of earlier tests stay in the topic.
 */
class DeliveryRedriveIntegrationTests extends AbstractApiIntegrationTests {

    private static final String REQUESTS = "redrive-it.requests";
    private static final String DEAD_LETTERS = "redrive-it.requests.dlt";
    private static final String REDRIVE = "/api/v1/deliveries/redrive";
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-redrive");
        registry.add("mailgw.topics.outbound-requests", () -> REQUESTS);
        registry.add("mailgw.topics.outbound-requests-dlt", () -> DEAD_LETTERS);
    }

    @Autowired
    MongoOperations mongo;

    DeadLetterWriter deadLetters;
    KafkaTopicTail requests;

    @BeforeEach
    void clients() {
        deadLetters = new DeadLetterWriter(TestInfrastructure.kafkaBootstrapServers(), DEAD_LETTERS);
        requests = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), REQUESTS);
    }

    @AfterEach
    void close() throws InterruptedException {
        deadLetters.close();
        requests.close();
    }

    @Test
    void republishesTheLastDeadLetterWithANewTicketAndOnlyItsCloudEventHeaders() throws Exception {
        mongo.save(failedWithFullHistory("sr-ids-1", "xpto", "mbx-xpto-out", T0));
        deadLetters.write("xpto", "sr-ids-1", DeadLetterWriter.request("sr-ids-1", "first round"));
        deadLetters.write("xpto", "sr-ids-1", DeadLetterWriter.request("sr-ids-1", "last round"));

        Response response = admin.post(REDRIVE, "{\"requestIds\": [\"sr-ids-1\"]}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("redriven").asInt()).isEqualTo(1);
        ConsumerRecord<String, String> republished = awaitRepublished("sr-ids-1");
        assertThat(republished.key()).isEqualTo("xpto");
        assertThat(republished.value()).isEqualTo(DeadLetterWriter.request("sr-ids-1", "last round"));
        assertThat(headerNames(republished)).containsExactlyInAnyOrder(CloudEventHeaders.SPEC_VERSION,
                CloudEventHeaders.ID, CloudEventHeaders.SOURCE, CloudEventHeaders.TYPE, CloudEventHeaders.TIME,
                CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.TICKET);
        assertThat(header(republished, CloudEventHeaders.ID)).isEqualTo("ce-sr-ids-1");
        DeliveryRecord ledger = mongo.findById("sr-ids-1", DeliveryRecord.class);
        assertThat(ledger.state()).isEqualTo(DeliveryState.REDRIVEN);
        assertThat(ledger.ticket()).isNotEqualTo(TestDeliveries.OLD_TICKET)
                .isEqualTo(header(republished, CloudEventHeaders.TICKET));
        assertThat(ledger.nextAttemptAt()).isNull();
        assertThat(ledger.updatedAt()).isAfter(T0.plusSeconds(DeliveryRecord.MAX_STEPS));
        assertThat(ledger.steps()).hasSize(DeliveryRecord.MAX_STEPS);
        assertThat(ledger.steps().get(0).attempt()).isEqualTo(2);
        DeliveryStep last = ledger.steps().get(DeliveryRecord.MAX_STEPS - 1);
        assertThat(last.state()).isEqualTo(DeliveryState.REDRIVEN);
        assertThat(last.at()).isEqualTo(ledger.updatedAt());
    }

    @Test
    void aSecondRedriveOfTheSameRequestRedrivesNothing() throws Exception {
        mongo.save(failed("sr-twice", "twice", "mbx-xpto-out", T0));
        deadLetters.write("twice", "sr-twice", DeadLetterWriter.request("sr-twice", "once"));

        Response first = admin.post(REDRIVE, "{\"requestIds\": [\"sr-twice\"]}");
        String ticket = mongo.findById("sr-twice", DeliveryRecord.class).ticket();
        Response second = admin.post(REDRIVE, "{\"requestIds\": [\"sr-twice\"]}");

        assertThat(first.json().path("redriven").asInt()).isEqualTo(1);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().path("redriven").asInt()).isEqualTo(0);
        assertThat(texts(second.json().path("notRedrivable"))).containsExactly("sr-twice");
        assertThat(mongo.findById("sr-twice", DeliveryRecord.class).ticket()).isEqualTo(ticket);
        awaitSentinelAfter("twice");
        assertThat(requests.withKey("twice")).filteredOn(record -> record.value().contains("sr-twice")).hasSize(1);
    }

    @Test
    void redrivesEveryFailedOrRejectedRequestOfAnOutboxAndNoOther() throws Exception {
        mongo.save(failed("sr-box-failed", "box", "mbx-box", T0));
        mongo.save(rejected("sr-box-rejected", "box", "mbx-box", T0.plusSeconds(1)));
        mongo.save(sent("sr-box-sent", "box", "mbx-box", T0.plusSeconds(2)));
        mongo.save(failed("sr-other-box", "box", "mbx-other", T0.plusSeconds(3)));
        deadLetters.write("box", "sr-box-failed", DeadLetterWriter.request("sr-box-failed", "failed"));
        deadLetters.writeWithoutRequestIdHeader("box", DeadLetterWriter.request("sr-box-rejected", "rejected"));
        deadLetters.write("box", "sr-box-sent", DeadLetterWriter.request("sr-box-sent", "sent after all"));
        deadLetters.write("box", "sr-other-box", DeadLetterWriter.request("sr-other-box", "other outbox"));

        Response response = admin.post(REDRIVE, "{\"outboxId\": \"mbx-box\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("redriven").asInt()).isEqualTo(2);
        awaitRepublished("sr-box-failed");
        ConsumerRecord<String, String> rejectedAgain = awaitRepublished("sr-box-rejected");
        assertThat(headerNames(rejectedAgain)).containsExactly(CloudEventHeaders.TICKET);
        awaitSentinelAfter("box");
        assertThat(requests.withKey("box")).extracting(ConsumerRecord::value)
                .noneMatch(value -> value.contains("sr-box-sent") || value.contains("sr-other-box"));
        assertThat(mongo.findById("sr-box-sent", DeliveryRecord.class).state()).isEqualTo(DeliveryState.SENT);
        assertThat(mongo.findById("sr-other-box", DeliveryRecord.class).state()).isEqualTo(DeliveryState.FAILED);
        assertThat(mongo.findById("sr-box-rejected", DeliveryRecord.class).state())
                .isEqualTo(DeliveryState.REDRIVEN);
    }

    @Test
    void saysWhichRequestsWereNotFoundOrNotRedrivable() throws Exception {
        mongo.save(sent("sr-sorted-sent", "sorted", "mbx-xpto-out", T0));
        mongo.save(failed("sr-sorted-no-letter", "sorted", "mbx-xpto-out", T0));
        mongo.save(failed("sr-sorted-ok", "sorted", "mbx-xpto-out", T0));
        deadLetters.write("sorted", "sr-sorted-ok", DeadLetterWriter.request("sr-sorted-ok", "ok"));

        Response response = admin.post(REDRIVE, "{\"requestIds\": [\"sr-sorted-unknown\", \"sr-sorted-sent\", "
                + "\"sr-sorted-no-letter\", \"sr-sorted-ok\"]}");

        assertThat(response.status()).isEqualTo(202);
        JsonNode outcome = response.json();
        assertThat(outcome.path("redriven").asInt()).isEqualTo(1);
        assertThat(texts(outcome.path("notFound"))).containsExactly("sr-sorted-unknown", "sr-sorted-no-letter");
        assertThat(texts(outcome.path("notRedrivable"))).containsExactly("sr-sorted-sent");
        assertThat(texts(outcome.path("failed"))).isEmpty();
        assertThat(mongo.findById("sr-sorted-no-letter", DeliveryRecord.class).state())
                .isEqualTo(DeliveryState.FAILED);
    }

    @Test
    void aRedriveIsAuditedWithWhoWhichRequestsOrOutboxAndHowMany() throws Exception {
        mongo.save(failed("sr-audit-1", "audit", "mbx-audit", T0));
        mongo.save(failed("sr-audit-2", "audit", "mbx-audit", T0));
        deadLetters.write("audit", "sr-audit-1", DeadLetterWriter.request("sr-audit-1", "one"));
        deadLetters.write("audit", "sr-audit-2", DeadLetterWriter.request("sr-audit-2", "two"));

        admin.post(REDRIVE, "{\"requestIds\": [\"sr-audit-1\", \"sr-audit-unknown\"]}");
        admin.post(REDRIVE, "{\"outboxId\": \"mbx-audit\"}");

        List<JsonNode> entries = new ArrayList<>();
        admin.get("/api/v1/audit?size=500").json().path("content").forEach(entry -> {
            if ("REDRIVEN".equals(entry.path("action").asString())) {
                entries.add(entry);
            }
        });
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        JsonNode byOutbox = entries.get(0);
        JsonNode byIds = entries.get(1);
        assertThat(byOutbox.path("actor").asString()).isEqualTo("admin");
        assertThat(byOutbox.path("target").path("kind").asString()).isEqualTo("DELIVERY");
        assertThat(byOutbox.path("target").path("id").asString()).isEqualTo("mbx-audit");
        assertThat(byOutbox.path("count").asInt()).isEqualTo(1);
        assertThat(byIds.path("target").path("id").isNull()).isTrue();
        assertThat(texts(byIds.path("requestIds"))).containsExactly("sr-audit-1");
        assertThat(byIds.path("count").asInt()).isEqualTo(1);
        assertThat(byIds.path("at").asString()).isNotBlank();
        assertThat(entries.toString()).doesNotContain(TestDeliveries.ADDRESS, "subject");
    }

    private ConsumerRecord<String, String> awaitRepublished(String requestId) {
        return await().atMost(PATIENCE).until(() -> requests.records().stream()
                .filter(record -> requestId.equals(DeadLetterWriter.requestIdIn(record.value()))).findFirst()
                .orElse(null), record -> record != null);
    }

    /**
     * Publishes a marker with {@code key} and waits until the tail has read it: the records republished
     * before it with the same key (so to the same partition) have been read by then.
     */
    private void awaitSentinelAfter(String key) throws Exception {
        String sentinel = "sentinel-" + System.nanoTime();
        try (ForeignEngine engine = new ForeignEngine(TestInfrastructure.kafkaBootstrapServers())) {
            engine.publish(REQUESTS, key, sentinel);
        }
        await().atMost(PATIENCE).until(() -> requests.withKey(key).stream()
                .anyMatch(record -> sentinel.equals(record.value())));
    }

    private static List<String> headerNames(ConsumerRecord<String, String> record) {
        List<String> names = new ArrayList<>();
        record.headers().forEach(header -> names.add(header.key()));
        return names;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }
}
