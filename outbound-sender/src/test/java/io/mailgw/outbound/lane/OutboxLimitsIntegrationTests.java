package io.mailgw.outbound.lane;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.PublishedStatuses;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.outbound.outbox.OutboxDirectory;
import io.mailgw.testing.smtp.ScriptedSmtpServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.outbound.EngineRequests.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An outbox's own limits, through the whole sender: its {@code maxPerMinute} lets that many
 * messages through and defers the rest without using an attempt, and partial sending tells each
 * recipient's outcome in the status.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.partitions=2",
        "mailgw.outbound.retry.delays=1s,1s"})
class OutboxLimitsIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-limits");

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @Autowired
    OutboxDirectory directory;

    @Autowired
    MeterRegistry meters;

    private final ScriptedSmtpServer server = ScriptedSmtpServer.start();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-limits");
    }

    @BeforeEach
    void seed() {
        mailboxes.deleteAll();
        contracts.deleteAll();
        settings.deleteAll();
        Mailbox capped = TestOutboxes.plainSmtp("mbx-capped", server.port(), "noreply@capped.example").toBuilder()
                .maxPerMinute(3).build();
        mailboxes.saveAll(List.of(capped, TestOutboxes.plainSmtp("mbx-open", server.port(), "noreply@open.example")));
        Instant now = Instant.now();
        contracts.saveAll(List.of(new Contract("capped", "Capped", "mbx-capped", now, now, null),
                new Contract("open", "Open", "mbx-open", now, now, null)));
        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-open", now, null));
        directory.reloadAll();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anOutboxCappedPerMinuteSendsThatManyAndDefersTheRestWithoutUsingAnAttempt() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = uniqueId("capped");
            ids.add(id);
            topics.publish("capped", EngineRequests.viaContract(id, "capped", "ana@cliente.example", id));
        }

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(sentOf(ids)).hasSize(3));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ids).filteredOn(id -> sentOf(List.of(id)).isEmpty())
                .allSatisfy(id -> assertThat(PublishedStatuses.of(topics.statusTopic(), id)).isNotEmpty()
                        .allSatisfy(status -> {
                            assertThat(status.status()).isEqualTo(Status.RETRYING);
                            assertThat(status.error().code()).isEqualTo("OUTBOX_RATE_LIMITED");
                            assertThat(status.attempt()).isEqualTo(1);
                        })));
        assertThat(server.messages()).hasSize(3);
        assertThat(meters.get("mailgw.outbound.deliveries").tag("outcome", "deferred").tag("resolution", "CONTRACT")
                .counter().count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void aPartialSendNamesEachRecipientsOutcomeAndNeverSendsToAServedOneAgain() throws Exception {
        server.script().rcptReply("nobody@cliente.example", "550 5.1.1 no such user");
        String id = uniqueId("partial");
        topics.publish("open", """
                {"requestId": "%s", "contractId": "open", "outbox": "SPECIFIC",
                 "to": ["ana@cliente.example", "nobody@cliente.example"], "cc": ["luis@cliente.example"],
                 "subject": "Partial", "text": "Hola"}
                """.formatted(id));

        DeliveryStatus sent = topics.awaitFinalStatus(id);

        assertThat(sent.status()).isEqualTo(Status.SENT);
        assertThat(sent.recipients()).extracting(DeliveryStatus.RecipientStatus::address,
                DeliveryStatus.RecipientStatus::status).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("ana@cliente.example", Status.SENT),
                org.assertj.core.groups.Tuple.tuple("luis@cliente.example", Status.SENT),
                org.assertj.core.groups.Tuple.tuple("nobody@cliente.example", Status.FAILED));
        assertThat(server.messages()).singleElement().satisfies(message -> assertThat(message.recipients())
                .containsExactlyInAnyOrder("ana@cliente.example", "luis@cliente.example"));
    }

    private List<DeliveryStatus> sentOf(List<String> ids) {
        return ids.stream().flatMap(id -> PublishedStatuses.of(topics.statusTopic(), id).stream())
                .filter(status -> status.status() == Status.SENT).toList();
    }
}
