package io.mailgw.outbound.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.EventJson;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.outbound.delivery.DeliveryLedger.Claim;
import io.mailgw.outbound.request.InFlightRequest;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delivery log against a real MongoDB wire server: one find-and-modify per state change, a
 * request goes on only through the record that holds it or its ticket, and an end is final.
 */
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
        mongo.dropCollection(DeliveryRecord.class);
    }

    @Test
    void claimsANewRequestBeforeSendingThenRecordsItsEnd() {
        InFlightRequest first = request("r1", "requests-0@5", null);

        Claim claim = ledger.claim(first, "mbx-xpto-out", "CONTRACT", "<r1@xpto.example>", 2);
        boolean written = ledger.record(first, true, status("r1", Status.SENT, 1), "{\"s\":1}", null,
                List.of("ana@x.example", "luis@x.example"));
        DeliveryRecord sent = ledger.find("r1").orElseThrow();

        assertThat(claim).isEqualTo(new Claim.Granted("<r1@xpto.example>", false, List.of()));
        assertThat(written).isTrue();
        assertThat(sent.messageId()).isEqualTo("<r1@xpto.example>");
        assertThat(sent.acceptedRecipients()).containsExactly("ana@x.example", "luis@x.example");
        assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
        assertThat(sent.recipientCount()).isEqualTo(2);
        assertThat(sent.smtpReply()).isEqualTo("250 OK");
        assertThat(sent.steps()).extracting(step -> step.state()).containsExactly(DeliveryState.SENDING,
                DeliveryState.SENT);
        assertThat(sent.createdAt()).isEqualTo(NOW);
        assertThat(ledger.find("r1").orElseThrow().statusJson()).isEqualTo("{\"s\":1}");
    }

    /** MongoDB applied the record but its answer was lost: the write tried again finds its own status, not a taker. */
    @Test
    void aRecordTriedAgainAfterItsAnswerWasLostIsWrittenAgainAndNoOtherIs() {
        InFlightRequest record = request("r11", "requests-0@13", null);
        ledger.claim(record, "mbx-xpto-out", "CONTRACT", "<r11@xpto.example>", 1);

        boolean first = ledger.record(record, true, status("r11", Status.SENT, 1), "{\"s\":11}", null, List.of());
        boolean again = ledger.record(record, true, status("r11", Status.SENT, 1), "{\"s\":11}", null, List.of());
        boolean another = ledger.record(record, true, status("r11", Status.FAILED, 1), "{\"s\":12}", null, List.of());

        assertThat(first).isTrue();
        assertThat(again).isTrue();
        assertThat(another).isFalse();
        DeliveryRecord sent = ledger.find("r11").orElseThrow();
        assertThat(sent.state()).isEqualTo(DeliveryState.SENT);
        assertThat(sent.statusJson()).isEqualTo("{\"s\":11}");
    }

    @Test
    void theSameRecordDeliveredAgainFindsItsRequestMidSendAndGoesOnAsAPossibleDuplicate() {
        InFlightRequest record = request("r2", "requests-0@7", null);
        ledger.claim(record, "mbx-xpto-out", "CONTRACT", "<r2@xpto.example>", 1);

        Claim again = ledger.claim(record, "mbx-xpto-out", "CONTRACT", "<r2@xpto.example>", 1);

        assertThat(again).isEqualTo(new Claim.Granted("<r2@xpto.example>", true, List.of()));
    }

    @Test
    void aDeferralOfARequestLeftMidSendKeepsThatItsNextSendMayBeADuplicate() {
        InFlightRequest record = request("r9", "requests-0@11", null);
        ledger.claim(record, "mbx-xpto-out", "CONTRACT", "<r9@xpto.example>", 1);

        boolean written = ledger.record(record, false, status("r9", Status.RETRYING, 1), "{}", "ticket-9", List.of());
        DeliveryRecord deferred = ledger.find("r9").orElseThrow();
        Claim next = ledger.claim(request("r9", "requests.retry-0-0@2", "ticket-9"), "mbx-xpto-out", "CONTRACT",
                "<r9@xpto.example>", 1);

        assertThat(written).isTrue();
        assertThat(deferred.state()).isEqualTo(DeliveryState.RETRYING);
        assertThat(deferred.ticket()).isEqualTo("ticket-9");
        assertThat(deferred.outboxResolution()).isEqualTo("CONTRACT");
        assertThat(deferred.errorCode()).isEqualTo("SMTP_UNREACHABLE");
        assertThat(deferred.steps()).last().satisfies(step -> {
            assertThat(step.state()).isEqualTo(DeliveryState.RETRYING);
            assertThat(step.at()).isEqualTo(NOW);
            assertThat(step.errorMessage()).isEqualTo("connection refused");
            assertThat(step.smtpReply()).isNull();
        });
        assertThat(deferred.possibleDuplicate()).isTrue();
        assertThat(next).isEqualTo(new Claim.Granted("<r9@xpto.example>", true, List.of()));
    }

    @Test
    void aDeferralOfARequestNotYetSentLeavesItAnOrdinaryRetry() {
        InFlightRequest record = request("r10", "requests-0@12", null);

        boolean written = ledger.record(record, false, status("r10", Status.RETRYING, 1), "{}", "ticket-10", List.of());
        Claim next = ledger.claim(request("r10", "requests.retry-0-0@3", "ticket-10"), "mbx-xpto-out", "CONTRACT",
                "<r10@xpto.example>", 1);

        assertThat(written).isTrue();
        assertThat(next).isEqualTo(new Claim.Granted("<r10@xpto.example>", false, List.of()));
    }

    @Test
    void aCopyFromAnotherRecordFindsTheRequestTaken() {
        ledger.claim(request("r3", "requests-0@1", null), "mbx-xpto-out", "CONTRACT", "<r3@xpto.example>", 1);

        Claim copy = ledger.claim(request("r3", "requests-1@4", null), "mbx-xpto-out", "CONTRACT", "<r3@xpto.example>", 1);

        assertThat(copy).isInstanceOfSatisfying(Claim.Taken.class,
                taken -> assertThat(taken.record().origin()).isEqualTo("requests-0@1"));
    }

    @Test
    void anEndedRequestNeverChangesAgain() {
        InFlightRequest record = request("r4", "requests-0@9", null);
        ledger.claim(record, "mbx-xpto-out", "CONTRACT", "<r4@xpto.example>", 1);
        ledger.record(record, true, status("r4", Status.SENT, 1), "{}", null, List.of("ana@x.example"));

        assertThat(ledger.claim(record, "mbx-xpto-out", "CONTRACT", "<r4@xpto.example>", 1))
                .isInstanceOf(Claim.Ended.class);
        assertThat(ledger.record(record, false, status("r4", Status.REJECTED, 1), "{}", null, List.of())).isFalse();
        assertThat(ledger.find("r4").orElseThrow().state()).isEqualTo(DeliveryState.SENT);
    }

    @Test
    void aRetryGoesOnOnlyWithTheTicketItWasHandedKeepingTheMessageIdAndWhoWasServed() {
        InFlightRequest first = request("r5", "requests-0@2", null);
        ledger.claim(first, "mbx-xpto-out", "CONTRACT", "<r5@xpto.example>", 2);
        ledger.record(first, true, status("r5", Status.RETRYING, 1), "{}", "ticket-1", List.of("ana@x.example"));

        Claim stray = ledger.claim(request("r5", "requests.retry-0-1@3", "ticket-0"), "mbx-other", "DEFAULT",
                "<r5@other.example>", 2);
        Claim retry = ledger.claim(request("r5", "requests.retry-0-1@4", "ticket-1"), "mbx-other", "DEFAULT",
                "<r5@other.example>", 2);

        assertThat(stray).isInstanceOf(Claim.Taken.class);
        assertThat(retry).isEqualTo(new Claim.Granted("<r5@xpto.example>", false, List.of("ana@x.example")));
        assertThat(ledger.find("r5").orElseThrow().ticket()).isNull();
    }

    @Test
    void aRedrivenRequestGoesOnWithTheTicketTheAdminHandedOutOnly() {
        InFlightRequest failed = request("r8", "requests-0@6", null);
        ledger.claim(failed, "mbx-xpto-out", "CONTRACT", "<r8@xpto.example>", 1);
        ledger.record(failed, true, status("r8", Status.FAILED, 3), "{}", null, List.of());
        mongo.updateFirst(org.springframework.data.mongodb.core.query.Query.query(
                        org.springframework.data.mongodb.core.query.Criteria.where("_id").is("r8")),
                new org.springframework.data.mongodb.core.query.Update().set("state", DeliveryState.REDRIVEN)
                        .set("ticket", "redrive-1"), DeliveryRecord.class);

        Claim stray = ledger.claim(request("r8", "requests-1@9", null), "mbx-xpto-out", "CONTRACT",
                "<r8@xpto.example>", 1);
        Claim redriven = ledger.claim(request("r8", "requests-1@10", "redrive-1"), "mbx-xpto-out", "CONTRACT",
                "<r8@xpto.example>", 1);

        assertThat(stray).isInstanceOf(Claim.Taken.class);
        assertThat(redriven).isEqualTo(new Claim.Granted("<r8@xpto.example>", false, List.of()));
    }

    /**
     * Many lanes at once: claims of new requests and of requests already in the log, then records
     * of requests still held and of requests ended elsewhere meanwhile, all concurrent, so
     * that they go to MongoDB in shared batches. Each caller gets its own request's answer.
     */
    @Test
    void concurrentClaimsAndRecordsEachGetTheirOwnRequestsAnswer() throws Exception {
        int count = 48;
        for (int i = 0; i < count; i += 3) {
            ledger.claim(request("c" + i, "requests-1@" + i, null), "mbx-xpto-out", "CONTRACT", "<c" + i + "@x>", 1);
        }
        List<Claim> claims = concurrently(count, i -> ledger.claim(request("c" + i, "requests-1@" + i, null),
                "mbx-xpto-out", "CONTRACT", "<new-c" + i + "@x>", 1));
        for (int i = 1; i < count; i += 4) {
            mongo.getCollection(DeliveryRecord.COLLECTION).updateOne(new Document("_id", "c" + i),
                    new Document("$set", new Document("state", "FAILED").append("statusJson", "{}")));
        }
        List<Boolean> written = concurrently(count, i -> ledger.record(request("c" + i, "requests-1@" + i, null), true,
                status("c" + i, Status.SENT, 1), "{\"c\":" + i + "}", null, List.of()));

        for (int i = 0; i < count; i++) {
            boolean existed = i % 3 == 0;
            boolean takenOver = i % 4 == 1;
            String id = "c" + i;
            assertThat(claims.get(i)).as(id).isEqualTo(new Claim.Granted(existed ? "<" + id + "@x>" : "<new-" + id + "@x>",
                    existed, List.of()));
            DeliveryRecord record = ledger.find(id).orElseThrow();
            if (takenOver) {
                assertThat(written.get(i)).as(id).isFalse();
                assertThat(record.state()).as(id).isEqualTo(DeliveryState.FAILED);
                assertThat(record.statusJson()).as(id).isEqualTo("{}");
            }
            else {
                assertThat(written.get(i)).as(id).isTrue();
                assertThat(record.state()).as(id).isEqualTo(DeliveryState.SENT);
                assertThat(record.statusJson()).as(id).isEqualTo("{\"c\":" + i + "}");
                assertThat(record.steps()).as(id).extracting(step -> step.state()).endsWith(DeliveryState.SENDING,
                        DeliveryState.SENT);
            }
        }
    }

    @Test
    void sweepsOnlyEndedRequestsLastChangedBeforeTheRetention() {
        InFlightRequest ended = request("r6", "requests-0@1", null);
        InFlightRequest open = request("r7", "requests-0@2", null);
        ledger.claim(ended, "mbx-xpto-out", "CONTRACT", "<r6@xpto.example>", 1);
        ledger.record(ended, true, status("r6", Status.SENT, 1), "{}", null, List.of());
        ledger.claim(open, "mbx-xpto-out", "CONTRACT", "<r7@xpto.example>", 1);

        assertThat(ledger.sweep(NOW)).isZero();
        assertThat(ledger.sweep(NOW.plusSeconds(1))).isEqualTo(1);
        assertThat(ledger.find("r6")).isEmpty();
        assertThat(ledger.find("r7")).isPresent();
    }

    /** Runs {@code call} for 0 to count - 1, each on its own thread, all let go at once; the results in order. */
    private static <T> List<T> concurrently(int count, IntFunction<T> call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(threads.submit(() -> {
                    go.await();
                    return call.apply(n);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(30, TimeUnit.SECONDS));
            }
            return results;
        }
        finally {
            threads.shutdownNow();
        }
    }

    private static InFlightRequest request(String requestId, String origin, String ticket) {
        String topic = origin.substring(0, origin.lastIndexOf('-'));
        int partition = Integer.parseInt(origin.substring(origin.lastIndexOf('-') + 1, origin.indexOf('@')));
        long offset = Long.parseLong(origin.substring(origin.indexOf('@') + 1));
        ConsumerRecord<String, String> record = new ConsumerRecord<>(topic, partition, offset, "xpto", "{}");
        if (ticket != null) {
            record.headers().add(CloudEventHeaders.header(CloudEventHeaders.TICKET, ticket));
        }
        SendMailRequested request = new SendMailRequested(requestId, "xpto", OutboxChoice.SPECIFIC,
                List.of("ana@x.example"), null, null, null, "Asunto", "Texto", null, null, null, null,
                Map.of("flow.id", "f1"));
        return InFlightRequest.readable(record, request, NOW, () -> { }, () -> true);
    }

    private static DeliveryStatus status(String requestId, Status status, int attempt) {
        DeliveryStatus.Error error = status == Status.SENT ? null
                : new DeliveryStatus.Error("SMTP_UNREACHABLE", "connection refused", true);
        return new DeliveryStatus(requestId, "xpto", status, "mbx-xpto-out", OutboxResolution.CONTRACT, null, attempt,
                "<" + requestId + "@xpto.example>", status == Status.SENT ? "250 OK" : null, error,
                Map.of("flow.id", "f1"), NOW);
    }
}
