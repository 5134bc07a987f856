package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.EventJson;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery record against a real MongoDB wire server: a final outcome is never overwritten. */
class DeliveryLedgerIntegrationTests {

    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30Z");

    private static MongoClient client;
    private static MongoTemplate mongo;

    private final DeliveryLedger ledger = new DeliveryLedger(mongo, Clock.fixed(NOW, ZoneOffset.UTC));

    @BeforeAll
    static void connect() {
        client = MongoClients.create(TestInfrastructure.mongoUri("outbound-ledger"));
        mongo = new MongoTemplate(client, "outbound-ledger");
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @BeforeEach
    void emptyCollection() {
        mongo.dropCollection(Delivery.class);
    }

    @Test
    void keepsTheLatestStatusUntilTheRequestEnds() {
        ledger.store(status("r1", Status.RETRYING, 1), "requests-0@5");
        Delivery sent = ledger.store(status("r1", Status.SENT, 2), "requests.retry-0-0@1").orElseThrow();

        assertThat(sent.status()).isEqualTo(Status.SENT);
        assertThat(sent.attempt()).isEqualTo(2);
        assertThat(sent.origin()).isEqualTo("requests.retry-0-0@1");
        assertThat(sent.published()).isFalse();
        assertThat(sent.messageId()).isEqualTo("<r1@xpto.example>");
        assertThat(EventJson.read(sent.statusJson(), DeliveryStatus.class).context()).containsEntry("flow.id", "f1");
        assertThat(sent.createdAt()).isEqualTo(NOW);
    }

    @Test
    void neverOverwritesAnEndedRequest() {
        ledger.store(status("r2", Status.SENT, 1), "requests-0@7");

        assertThat(ledger.store(status("r2", Status.REJECTED, 1), "requests-0@9")).isEmpty();
        assertThat(ledger.find("r2")).get().satisfies(delivery -> {
            assertThat(delivery.status()).isEqualTo(Status.SENT);
            assertThat(delivery.origin()).isEqualTo("requests-0@7");
        });
    }

    @Test
    void marksOnlyTheStatusThatWasPublished() {
        Delivery retrying = ledger.store(status("r3", Status.RETRYING, 1), "requests-0@1").orElseThrow();
        ledger.store(status("r3", Status.RETRYING, 2), "requests.retry-0-0@1");

        ledger.markPublished(retrying);
        assertThat(ledger.find("r3")).get().satisfies(delivery -> assertThat(delivery.published()).isFalse());

        ledger.markPublished(ledger.find("r3").orElseThrow());
        assertThat(ledger.find("r3")).get().satisfies(delivery -> assertThat(delivery.published()).isTrue());
    }

    private static DeliveryStatus status(String requestId, Status status, int attempt) {
        DeliveryStatus.Error error = status == Status.SENT ? null
                : new DeliveryStatus.Error("SMTP_UNREACHABLE", "connection refused", true);
        return new DeliveryStatus(requestId, "xpto", status, "mbx-xpto-out", OutboxResolution.CONTRACT, null, attempt,
                "<" + requestId + "@xpto.example>", status == Status.SENT ? "250 OK" : null, error,
                Map.of("flow.id", "f1"), NOW);
    }
}
