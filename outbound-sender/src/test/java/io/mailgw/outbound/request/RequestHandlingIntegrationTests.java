package io.mailgw.outbound.request;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.DeliveryStatus;
import io.mailgw.events.DeliveryStatus.Status;
import io.mailgw.events.EventTypes;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.PublishedStatuses;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.outbound.EngineRequests.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sender does with records that are not a plain success: bad events, duplicates,
 * unreachable and refusing servers, and a request that uses every field.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.partitions=2",
        "mailgw.outbound.retry.delays=300ms,300ms",
        "resilience4j.retry.instances.smtp.wait-duration=20ms"})
class RequestHandlingIntegrationTests {

    private static final String LOGIN = "soporte@xpto.example";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(LOGIN, LOGIN, "the-right-password"))
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final SenderTopics topics = SenderTopics.named("it-handling");

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @Autowired
    MailboxStatusRecorder outboxHealth;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        topics.register(registry, "outbound-handling");
    }

    @BeforeEach
    void seedConfiguration() throws Exception {
        int port = greenMail.getSmtp().getPort();
        SecretCipher cipher = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);
        mailboxes.deleteAll();
        contracts.deleteAll();
        settings.deleteAll();
        mailboxes.saveAll(List.of(
                TestOutboxes.plainSmtp("mbx-default", port, "noreply@gateway.example"),
                TestOutboxes.plainSmtp("mbx-closed-out", closedPort(), "info@closed.example"),
                TestOutboxes.plainSmtpOn("mbx-metadata-out", "169.254.169.254", 25, "info@metadata.example"),
                TestOutboxes.authenticatedSmtp("mbx-wrong-login-out", port, "soporte@xpto.example", LOGIN,
                        cipher.encrypt("a-wrong-password", "mbx-wrong-login-out"))));
        Instant now = Instant.now();
        contracts.saveAll(List.of(
                new Contract("closed", "Servidor caído", "mbx-closed-out", now, now, null),
                new Contract("metadata", "Servidor interno", "mbx-metadata-out", now, now, null),
                new Contract("wrong-login", "Contraseña vieja", "mbx-wrong-login-out", now, now, null)));
        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-default", now, null));
    }

    @Test
    void rejectsBadEventsToTheDeadLetterTopicAndKeepsDelivering() throws Exception {
        String notJson = "this is not JSON " + UUID.randomUUID();
        String noRecipient = uniqueId("no-recipient");
        String lineBreak = uniqueId("crlf");
        String unknownContract = uniqueId("unknown-contract");
        String good = uniqueId("good-after-bad");
        topics.publish("default", notJson);
        topics.publish("default", EngineRequests.withoutRecipient(noRecipient));
        topics.publish("default", EngineRequests.withLineBreakInSubject(lineBreak, "ana@cliente.example"));
        topics.publish("default",
                EngineRequests.viaContract(unknownContract, "no-such-contract", "ana@cliente.example", unknownContract));
        topics.publish("default", EngineRequests.viaDefault(good, "ana@cliente.example", good));

        assertThat(topics.awaitFinalStatus(good).status()).isEqualTo(Status.SENT);
        assertThat(ReceivedMail.withSubject(greenMail, good)).hasSize(1);
        assertRejected(noRecipient, "INVALID_REQUEST", "to:");
        assertRejected(lineBreak, "INVALID_REQUEST", "subject: must not contain CR or LF");
        assertRejected(unknownContract, "UNKNOWN_CONTRACT", "no-such-contract");
        assertThat(PublishedStatuses.finalOf(topics.statusTopic(), noRecipient).context())
                .containsEntry("flowId", "broken");
        ConsumerRecord<String, String> dead = awaitDeadLetter(notJson);
        assertThat(reason(dead)).isEqualTo("INVALID_JSON");
        assertThat(CloudEventHeaders.lastValue(dead.headers(), CloudEventHeaders.DLT_ERROR_MESSAGE)).startsWith("not valid JSON");
        assertThat(CloudEventHeaders.lastValue(dead.headers(), KafkaHeaders.ORIGINAL_TOPIC))
                .isEqualTo(topics.requests());
        assertThat(dead.headers().lastHeader(KafkaHeaders.ORIGINAL_OFFSET)).isNotNull();
        assertThat(CloudEventHeaders.lastValue(dead.headers(), CloudEventHeaders.TYPE)).isEqualTo(EventTypes.SEND_MAIL_REQUESTED);
        assertThat(dead.key()).isEqualTo("default");
        assertThat(reason(awaitDeadLetter(noRecipient))).isEqualTo("INVALID_REQUEST");
        assertThat(CloudEventHeaders.lastValue(awaitDeadLetter(lineBreak).headers(), CloudEventHeaders.DLT_ERROR_MESSAGE))
                .contains("subject");
        assertThat(reason(awaitDeadLetter(unknownContract))).isEqualTo("UNKNOWN_CONTRACT");
        assertThat(greenMail.getUserManager().getUserByEmail("victim@evil.example")).isNull();
        assertThat(greenMail.getUserManager().getUserByEmail("ana@cliente.example")).isNotNull();
    }

    @Test
    void deliversTheSameRequestIdOnceHoweverOftenItIsPublished() throws Exception {
        String requestId = uniqueId("twice");
        String marker = uniqueId("after-twice");
        String json = EngineRequests.viaDefault(requestId, "ana@cliente.example", requestId);
        topics.publish("default", json);
        topics.publish("default", json);
        topics.publish("default", EngineRequests.viaDefault(marker, "ana@cliente.example", marker));

        topics.awaitFinalStatus(marker);
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).hasSize(1);
        assertThat(topics.statusesOf(requestId)).singleElement()
                .satisfies(status -> assertThat(status.status()).isEqualTo(Status.SENT));
    }

    @Test
    void retriesAnUnreachableServerThenFailsToTheDeadLetterTopic() throws Exception {
        String requestId = uniqueId("closed-port");
        topics.publish("closed", EngineRequests.viaContract(requestId, "closed", "ana@cliente.example", requestId));

        DeliveryStatus failed = topics.awaitFinalStatus(requestId);
        assertThat(topics.statusesOf(requestId)).extracting(DeliveryStatus::status, DeliveryStatus::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.RETRYING, 1),
                        org.assertj.core.groups.Tuple.tuple(Status.RETRYING, 2),
                        org.assertj.core.groups.Tuple.tuple(Status.FAILED, 3));
        assertThat(failed.error().code()).isEqualTo("SMTP_UNREACHABLE");
        assertThat(failed.error().message()).contains("connection refused", "gave up after 3 attempts");
        assertThat(failed.outboxMailboxId()).isEqualTo("mbx-closed-out");
        assertThat(failed.messageId()).endsWith("@closed.example>");
        assertThat(topics.statusesOf(requestId)).extracting(DeliveryStatus::messageId).containsOnly(failed.messageId());
        ConsumerRecord<String, String> dead = awaitDeadLetter(requestId);
        assertThat(reason(dead)).isEqualTo("SMTP_UNREACHABLE");
        assertThat(CloudEventHeaders.lastValue(dead.headers(), KafkaHeaders.ORIGINAL_TOPIC))
                .isEqualTo(topics.requests());
        MailboxStatus health = outboxHealth.read("mbx-closed-out");
        assertThat(health.state()).isEqualTo(MailboxState.UNREACHABLE);
        assertThat(health.lastError()).contains("connection refused");
    }

    @Test
    void failsAtOnceWhenTheServerRejectsTheLogin() throws Exception {
        String requestId = uniqueId("wrong-login");
        topics.publish("wrong-login",
                EngineRequests.viaContract(requestId, "wrong-login", "ana@cliente.example", requestId));

        DeliveryStatus failed = topics.awaitFinalStatus(requestId);
        assertThat(topics.statusesOf(requestId)).singleElement();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("SMTP_AUTH_FAILED");
        assertThat(failed.error().retryable()).isFalse();
        assertThat(failed.error().message()).doesNotContain("a-wrong-password");
        assertThat(reason(awaitDeadLetter(requestId))).isEqualTo("SMTP_AUTH_FAILED");
        assertThat(outboxHealth.read("mbx-wrong-login-out").state()).isEqualTo(MailboxState.AUTH_FAILED);
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).isEmpty();
    }

    @Test
    void failsAtOnceWhenTheConnectGuardRefusesTheOutboxServer() throws Exception {
        String requestId = uniqueId("guarded");
        topics.publish("metadata", EngineRequests.viaContract(requestId, "metadata", "ana@cliente.example", requestId));

        DeliveryStatus failed = topics.awaitFinalStatus(requestId);
        assertThat(topics.statusesOf(requestId)).singleElement();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.attempt()).isEqualTo(1);
        assertThat(failed.error().code()).isEqualTo("CONNECT_NOT_ALLOWED");
        assertThat(failed.error().retryable()).isFalse();
        assertThat(failed.error().message()).contains("169.254.169.254 is the cloud metadata address; refused. "
                + "Allow it with MAILGW_CONNECT_ALLOW=169.254.169.254/32");
        assertThat(reason(awaitDeadLetter(requestId))).isEqualTo("CONNECT_NOT_ALLOWED");
        MailboxStatus health = outboxHealth.read("mbx-metadata-out");
        assertThat(health.state()).isEqualTo(MailboxState.UNREACHABLE);
        assertThat(health.lastError()).contains("the cloud metadata address; refused");
    }

    @Test
    void deliversEveryPartOfARichRequestAndHidesBcc() throws Exception {
        String requestId = uniqueId("rich");
        topics.publish("xpto", EngineRequests.everyField(requestId, "Solicitud " + requestId));

        DeliveryStatus sent = topics.awaitFinalStatus(requestId);
        assertThat(sent.status()).isEqualTo(Status.SENT);
        assertThat(sent.context()).containsEntry("step.with.dots", "kept");
        await().atMost(PATIENCE).until(() -> ReceivedMail.withSubject(greenMail, "Solicitud " + requestId).size() == 3);
        MimeMessage copy = ReceivedMail.withSubject(greenMail, "Solicitud " + requestId).get(0);
        assertThat(copy.getHeader("Bcc")).isNull();
        assertThat(copy.getHeader("Cc", null)).isEqualTo("jefe@cliente.example");
        assertThat(copy.getHeader("Reply-To", null)).isEqualTo("soporte@xpto.example");
        assertThat(copy.getHeader("In-Reply-To", null)).isEqualTo("<CAF1234@mail.cliente.example>");
        assertThat(copy.getHeader("References", null)).contains("<CAF1000@mail.cliente.example>", "<CAF1234@mail.cliente.example>");
        assertThat(copy.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) copy.getContent();
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("detalle.txt");
        assertThat(mixed.getBodyPart(1).getContent()).isEqualTo("hola mundo");
    }

    private void assertRejected(String requestId, String code, String messagePart) {
        DeliveryStatus status = topics.awaitFinalStatus(requestId);
        assertThat(status.status()).isEqualTo(Status.REJECTED);
        assertThat(status.error().code()).isEqualTo(code);
        assertThat(status.error().message()).contains(messagePart);
        assertThat(status.error().retryable()).isFalse();
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).isEmpty();
    }

    private static ConsumerRecord<String, String> awaitDeadLetter(String valuePart) {
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLettersWith(valuePart)).hasSize(1));
        return deadLettersWith(valuePart).get(0);
    }

    private static List<ConsumerRecord<String, String>> deadLettersWith(String valuePart) {
        return topics.deadLetters().records().stream().filter(record -> record.value().contains(valuePart)).toList();
    }

    private static String reason(ConsumerRecord<String, String> deadLetter) {
        return CloudEventHeaders.lastValue(deadLetter.headers(), CloudEventHeaders.DLT_ERROR_CODE);
    }


    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
