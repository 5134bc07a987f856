package io.mailgw.config.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.model.delivery.DeliveryStep;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.delivery.TestDeliveries.failed;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dead letter the requests topic will not take: the ledger update is undone. The dead-letter topic is
 * made before the service starts, with Kafka's default 1 MB limit, while the service sizes the requests
 * topic and its producer for at most 4 KB (mailgw.topics.requests-max-message-bytes), so that an 8 KB
 * letter is refused on the way back.
 */
class RedriveNotPublishedIntegrationTests extends AbstractApiIntegrationTests {

    private static final String REQUESTS = "redrive-refused.requests";
    private static final String DEAD_LETTERS = "redrive-refused.requests.dlt";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) throws ExecutionException, InterruptedException {
        TestInfrastructure.register(registry, "config-redrive-refused");
        registry.add("mailgw.topics.outbound-requests", () -> REQUESTS);
        registry.add("mailgw.topics.outbound-requests-dlt", () -> DEAD_LETTERS);
        registry.add("mailgw.topics.requests-max-message-bytes", () -> "4KB");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(DEAD_LETTERS, 1, (short) 1))).all().get();
        }
    }

    @Autowired
    MongoOperations mongo;

    @Test
    void aLetterKafkaRefusesLeavesItsRequestFailedWithItsOldTicketAndSaysWhy() throws Exception {
        mongo.save(failed("sr-too-large", "xpto", "mbx-xpto-out", Instant.parse("2026-11-28T10:00:00Z")));
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(TestInfrastructure.kafkaBootstrapServers(),
                DEAD_LETTERS)) {
            deadLetters.write("xpto", "sr-too-large", DeadLetterWriter.request("sr-too-large", "x".repeat(8 * 1024)));
        }

        Response response = admin.post("/api/v1/deliveries/redrive", "{\"requestIds\": [\"sr-too-large\"]}");

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        assertThat(response.json().path("redriven").asInt()).isZero();
        assertThat(response.json().path("failed").get(0).asString()).isEqualTo("sr-too-large");
        DeliveryRecord ledger = mongo.findById("sr-too-large", DeliveryRecord.class);
        assertThat(ledger.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(ledger.ticket()).isEqualTo(TestDeliveries.OLD_TICKET);
        List<DeliveryStep> steps = ledger.steps();
        assertThat(steps.get(steps.size() - 2).state()).isEqualTo(DeliveryState.REDRIVEN);
        DeliveryStep last = steps.get(steps.size() - 1);
        assertThat(last.state()).isEqualTo(DeliveryState.FAILED);
        assertThat(last.errorCode()).isEqualTo("REDRIVE_NOT_PUBLISHED");
        assertThat(last.errorMessage()).contains(REQUESTS, "still FAILED");
    }
}
