package io.mailgw.outbound.request;

import java.time.Duration;
import java.time.Instant;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.outbound.outbox.OutboxDirectory;
import org.assertj.core.groups.Tuple;
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
 * Rule 5 of CONTRACT §2: without a usable default outbox the request is {@code RETRYING} with
 * {@code NO_OUTBOX}, delivered once an admin fixes the configuration, and {@code FAILED} when the
 * retry window is spent.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.partitions=2",
        "mailgw.outbound.retry.delays=1500ms,1500ms"})
class NoOutboxIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-no-outbox");

    /** Reads the configuration again, as a config-changes event makes every sender do. */
    @Autowired
    OutboxDirectory directory;

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-no-outbox");
    }

    @BeforeEach
    void seedConfigurationWithoutUsableDefault() {
        int port = greenMail.getSmtp().getPort();
        mailboxes.deleteAll();
        contracts.deleteAll();
        settings.deleteAll();
        mailboxes.save(TestOutboxes.plainSmtp("mbx-ready", port, "noreply@gateway.example"));
        mailboxes.save(TestOutboxes.disabledPlainSmtp("mbx-switched-off", port, "old@gateway.example"));
        Instant now = Instant.now();
        contracts.save(new Contract("sin-buzon", "Sin buzón propio", null, now, now, null));
        directory.reloadAll();
    }

    @Test
    void retriesWhileNoDefaultOutboxIsSetThenFails() throws Exception {
        String requestId = uniqueId("no-default");
        topics.publish("default", EngineRequests.viaDefault(requestId, "ana@cliente.example", requestId));

        DeliveryStatus failed = topics.awaitFinalStatus(requestId);
        assertThat(topics.statusesOf(requestId))
                .extracting(DeliveryStatus::status, DeliveryStatus::attempt, status -> status.error().code())
                .containsExactly(Tuple.tuple(Status.RETRYING, 1, "NO_OUTBOX"), Tuple.tuple(Status.RETRYING, 2, "NO_OUTBOX"),
                        Tuple.tuple(Status.FAILED, 3, "NO_OUTBOX"));
        assertThat(failed.outboxResolution()).isEqualTo(OutboxResolution.DEFAULT);
        assertThat(failed.outboxMailboxId()).isNull();
        assertThat(failed.error().message()).contains("no default outbox is set", "gave up after 3 attempts");
        assertThat(failed.context()).containsEntry("flowId", "incident-default");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(topics.deadLetters().records())
                .anySatisfy(dead -> assertThat(dead.value()).contains(requestId)));
        assertThat(topics.deadLetters().records().stream().filter(dead -> dead.value().contains(requestId)))
                .singleElement().satisfies(dead -> assertThat(CloudEventHeaders.lastValue(dead.headers(),
                        CloudEventHeaders.DLT_ERROR_CODE)).isEqualTo("NO_OUTBOX"));
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).isEmpty();
    }

    @Test
    void fallsBackAndRetriesWhenContractHasNoOutboxAndDefaultIsDisabled() throws Exception {
        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-switched-off", Instant.now(), null));
        directory.reloadAll();
        String requestId = uniqueId("fallback-disabled");
        topics.publish("sin-buzon",
                EngineRequests.viaContract(requestId, "sin-buzon", "ana@cliente.example", requestId));

        await().atMost(PATIENCE).until(() -> !topics.statusesOf(requestId).isEmpty());
        DeliveryStatus retrying = topics.statusesOf(requestId).get(0);
        assertThat(retrying.status()).isEqualTo(Status.RETRYING);
        assertThat(retrying.outboxResolution()).isEqualTo(OutboxResolution.DEFAULT_FALLBACK);
        assertThat(retrying.error().code()).isEqualTo("NO_OUTBOX");
        assertThat(retrying.error().retryable()).isTrue();
        assertThat(retrying.error().message())
                .isEqualTo("contract sin-buzon has no outbox linked; the default outbox mbx-switched-off is disabled");
        assertThat(topics.awaitFinalStatus(requestId).status()).isEqualTo(Status.FAILED);
    }

    @Test
    void deliversOnceAnAdminSetsTheDefaultOutboxWithinTheRetryWindow() throws Exception {
        String requestId = uniqueId("fixed-by-admin");
        topics.publish("default", EngineRequests.viaDefault(requestId, "ana@cliente.example", requestId));
        await().atMost(PATIENCE).until(() -> !topics.statusesOf(requestId).isEmpty());

        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-ready", Instant.now(), null));

        directory.reloadAll();

        DeliveryStatus sent = topics.awaitFinalStatus(requestId);
        assertThat(topics.statusesOf(requestId)).extracting(DeliveryStatus::status, DeliveryStatus::attempt)
                .containsExactly(Tuple.tuple(Status.RETRYING, 1), Tuple.tuple(Status.SENT, 2));
        assertThat(sent.outboxMailboxId()).isEqualTo("mbx-ready");
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ReceivedMail.withSubject(greenMail, requestId)).hasSize(1));
        assertThat(ReceivedMail.withSubject(greenMail, requestId).get(0).getMessageID()).isEqualTo(sent.messageId());
    }
}
