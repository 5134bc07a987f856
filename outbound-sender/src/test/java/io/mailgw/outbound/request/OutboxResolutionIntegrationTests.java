package io.mailgw.outbound.request;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.OutboxResolution;
import io.mailgw.events.EventTypes;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * The four rules of CONTRACT §2 that need a working default outbox, end to end: a foreign engine
 * publishes hand-written JSON, the mail arrives in GreenMail, the status on the status topic.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.partitions=2",
        "mailgw.outbound.retry.delays=300ms",
        "resilience4j.retry.instances.smtp.wait-duration=20ms"})
class OutboxResolutionIntegrationTests {

    private static final String LOGIN = "soporte@xpto.example";
    private static final String PASSWORD = "s3cret-xpto";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(LOGIN, LOGIN, PASSWORD))
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-resolution");

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-resolution");
    }

    @BeforeEach
    void seedConfiguration() {
        int port = greenMail.getSmtp().getPort();
        SecretCipher cipher = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);
        mailboxes.deleteAll();
        contracts.deleteAll();
        settings.deleteAll();
        mailboxes.saveAll(List.of(
                TestOutboxes.plainSmtp("mbx-default", port, "noreply@gateway.example"),
                TestOutboxes.authenticatedSmtp("mbx-xpto-out", port, "soporte@xpto.example", LOGIN,
                        cipher.encrypt(PASSWORD, "mbx-xpto-out")),
                TestOutboxes.disabledPlainSmtp("mbx-apagado-out", port, "info@apagado.example")));
        Instant now = Instant.now();
        contracts.saveAll(List.of(
                new Contract("xpto", "Empresa XPTO", "mbx-xpto-out", now, now, null),
                new Contract("sin-buzon", "Sin buzón propio", null, now, now, null),
                new Contract("apagado", "Buzón apagado", "mbx-apagado-out", now, now, null)));
        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-default", now, null));
    }

    @Test
    void sendsThroughDefaultOutboxWhenRequestAsksForDefault() throws Exception {
        String requestId = uniqueId("rule1");
        topics.publish("default", EngineRequests.viaDefault(requestId, "ana@cliente.example", requestId));

        MimeMessage mail = awaitOneMail(requestId);
        assertThat(mail.getHeader("From", null)).isEqualTo("Gateway mbx-default <noreply@gateway.example>");
        assertThat(mail.getHeader("To", null)).isEqualTo("Ana <ana@cliente.example>");
        assertThat(mail.getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
        assertThat(mail.getMessageID()).startsWith("<" + requestId + ".").endsWith("@gateway.example>");
        assertThat(ReceivedMail.body(mail)).contains("Su solicitud fue registrada.", "<p>Su solicitud fue registrada.</p>");

        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.status()).isEqualTo(DeliveryStatus.Status.SENT);
        assertThat(status.outboxResolution()).isEqualTo(OutboxResolution.DEFAULT);
        assertThat(status.outboxMailboxId()).isEqualTo("mbx-default");
        assertThat(status.messageId()).isEqualTo(mail.getMessageID());
        assertThat(status.smtpReply()).startsWith("250");
        assertThat(status.attempt()).isEqualTo(1);
        assertThat(status.context()).containsEntry("flowId", "incident-default").containsEntry("serviceRequestId", "4711");
        ConsumerRecord<String, String> record = topics.statusTopic().withKey(requestId).get(0);
        assertThat(CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.DELIVERY_STATUS);
        assertThat(CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.SOURCE)).isEqualTo("/mailgw/outbound-sender");
        assertThat(meters.get("mailgw.outbound.deliveries").tag("status", "sent").tag("resolution", "DEFAULT").counter()
                .count()).isPositive();
        assertThat(meters.get("mailgw.outbound.smtp.send").tag("outcome", "sent").timer().count()).isPositive();
    }

    @Test
    void sendsThroughDefaultOutboxWhenRequestNamesNoOutbox() throws Exception {
        String requestId = uniqueId("rule1-absent");
        topics.publish("xpto", EngineRequests.withoutOutbox(requestId, "xpto", "luis@cliente.example", requestId));

        MimeMessage mail = awaitOneMail(requestId);
        assertThat(mail.getHeader("From", null)).contains("noreply@gateway.example");
        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.status()).isEqualTo(DeliveryStatus.Status.SENT);
        assertThat(status.outboxResolution()).isEqualTo(OutboxResolution.DEFAULT);
        assertThat(status.contractId()).isEqualTo("xpto");
        assertThat(status.context()).containsEntry("flowId", "no-outbox-named");
    }

    @Test
    void sendsThroughContractOutboxLoggingInWithItsStoredPassword() throws Exception {
        String requestId = uniqueId("rule2");
        topics.publish("xpto", EngineRequests.viaContract(requestId, "xpto", "eva@cliente.example", requestId));

        MimeMessage mail = awaitOneMail(requestId);
        assertThat(mail.getHeader("From", null)).isEqualTo("Gateway mbx-xpto-out <soporte@xpto.example>");
        assertThat(mail.getHeader("To", null)).isEqualTo("eva@cliente.example");
        assertThat(mail.getMessageID()).endsWith("@xpto.example>");
        assertThat(ReceivedMail.body(mail)).contains("Su solicitud fue registrada.");

        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.status()).isEqualTo(DeliveryStatus.Status.SENT);
        assertThat(status.outboxResolution()).isEqualTo(OutboxResolution.CONTRACT);
        assertThat(status.outboxMailboxId()).isEqualTo("mbx-xpto-out");
        assertThat(status.outboxResolutionReason()).isNull();
        assertThat(status.context()).containsEntry("flowId", "incident-xpto");
        assertThat(topics.statusTopic().withKey(requestId))
                .allSatisfy(record -> assertThat(record.value()).doesNotContain(PASSWORD));
    }

    @Test
    void fallsBackToDefaultOutboxWhenContractHasNone() throws Exception {
        String requestId = uniqueId("rule3-none");
        topics.publish("sin-buzon",
                EngineRequests.viaContract(requestId, "sin-buzon", "raul@cliente.example", requestId));

        MimeMessage mail = awaitOneMail(requestId);
        assertThat(mail.getHeader("From", null)).contains("noreply@gateway.example");
        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.status()).isEqualTo(DeliveryStatus.Status.SENT);
        assertThat(status.outboxResolution()).isEqualTo(OutboxResolution.DEFAULT_FALLBACK);
        assertThat(status.outboxMailboxId()).isEqualTo("mbx-default");
        assertThat(status.outboxResolutionReason()).isEqualTo("contract sin-buzon has no outbox linked");
        assertThat(status.context()).containsEntry("flowId", "incident-sin-buzon");
    }

    @Test
    void fallsBackToDefaultOutboxWhenContractOutboxIsDisabled() throws Exception {
        String requestId = uniqueId("rule3-disabled");
        topics.publish("apagado",
                EngineRequests.viaContract(requestId, "apagado", "sara@cliente.example", requestId));

        MimeMessage mail = awaitOneMail(requestId);
        assertThat(mail.getHeader("From", null)).contains("noreply@gateway.example");
        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.outboxResolution()).isEqualTo(OutboxResolution.DEFAULT_FALLBACK);
        assertThat(status.outboxResolutionReason())
                .isEqualTo("the outbox mbx-apagado-out linked to contract apagado is disabled");
    }

    @Test
    void rejectsSpecificOutboxOfUnknownContractAndSendsNothing() throws Exception {
        String requestId = uniqueId("rule4");
        String json = EngineRequests.viaContract(requestId, "no-such-contract", "ana@cliente.example", requestId);
        topics.publish("no-such-contract", json);

        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.status()).isEqualTo(DeliveryStatus.Status.REJECTED);
        assertThat(status.error().code()).isEqualTo("UNKNOWN_CONTRACT");
        assertThat(status.error().message()).contains("no-such-contract");
        assertThat(status.error().retryable()).isFalse();
        assertThat(status.context()).containsEntry("flowId", "incident-no-such-contract");
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(topics.deadLetters().withKey("no-such-contract")).hasSize(1));
        ConsumerRecord<String, String> dead = topics.deadLetters().withKey("no-such-contract").get(0);
        assertThat(dead.value()).isEqualTo(json);
        assertThat(CloudEventHeaders.lastValue(dead.headers(), CloudEventHeaders.DLT_ERROR_CODE)).isEqualTo("UNKNOWN_CONTRACT");
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).isEmpty();
    }

    private static MimeMessage awaitOneMail(String subject) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(ReceivedMail.withSubject(greenMail, subject)).hasSize(1));
        return ReceivedMail.withSubject(greenMail, subject).get(0);
    }
}
