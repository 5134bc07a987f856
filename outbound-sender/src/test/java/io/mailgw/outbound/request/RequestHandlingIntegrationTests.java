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
import io.mailgw.model.secret.PasswordCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.PublishedStatuses;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.testing.ForeignEngine;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the sender does with records that are not a plain success: bad events, duplicates,
 * unreachable and refusing servers, and a request that uses every field.
 */
@SpringBootTest(properties = {
        "spring.config.name=outbound-sender",
        "mailgw.topics.outbound-requests=" + RequestHandlingIntegrationTests.REQUESTS,
        "mailgw.topics.outbound-status=" + RequestHandlingIntegrationTests.STATUS,
        "mailgw.topics.outbound-requests-dlt=" + RequestHandlingIntegrationTests.DLT,
        "mailgw.topics.partitions=2",
        "mailgw.outbound.consumer-group=it-handling",
        "mailgw.outbound.retry.delays=300ms,300ms",
        "resilience4j.retry.instances.smtp.wait-duration=20ms"})
class RequestHandlingIntegrationTests {

    static final String REQUESTS = "it-handling.requests";
    static final String STATUS = "it-handling.status";
    static final String DLT = "it-handling.requests.dlt";
    private static final String LOGIN = "soporte@xpto.example";
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(LOGIN, LOGIN, "the-right-password"))
            .withPerMethodLifecycle(false);

    private static ForeignEngine engine;
    private static KafkaTopicTail statusTopic;
    private static KafkaTopicTail deadLetters;

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
        TestInfrastructure.register(registry, "outbound-handling");
    }

    @BeforeEach
    void seedConfiguration() throws Exception {
        int port = greenMail.getSmtp().getPort();
        PasswordCipher cipher = PasswordCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);
        mailboxes.deleteAll();
        contracts.deleteAll();
        settings.deleteAll();
        mailboxes.saveAll(List.of(
                TestOutboxes.plainSmtp("mbx-default", port, "noreply@gateway.example"),
                TestOutboxes.plainSmtp("mbx-closed-out", closedPort(), "info@closed.example"),
                TestOutboxes.authenticatedSmtp("mbx-wrong-login-out", port, "soporte@xpto.example", LOGIN,
                        cipher.encrypt("a-wrong-password"))));
        Instant now = Instant.now();
        contracts.saveAll(List.of(
                new Contract("closed", "Servidor caído", "mbx-closed-out", now, now, null),
                new Contract("wrong-login", "Contraseña vieja", "mbx-wrong-login-out", now, now, null)));
        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-default", now, null));
        if (engine == null) {
            engine = new ForeignEngine(TestInfrastructure.kafkaBootstrapServers());
            statusTopic = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), STATUS);
            deadLetters = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), DLT);
        }
    }

    @AfterAll
    static void closeClients() throws InterruptedException {
        if (engine != null) {
            engine.close();
            statusTopic.close();
            deadLetters.close();
        }
    }

    @Test
    void rejectsBadEventsToTheDeadLetterTopicAndKeepsDelivering() throws Exception {
        String notJson = "this is not JSON " + UUID.randomUUID();
        String noRecipient = uniqueId("no-recipient");
        String lineBreak = uniqueId("crlf");
        String unknownContract = uniqueId("unknown-contract");
        String good = uniqueId("good-after-bad");
        engine.publish(REQUESTS, "default", notJson);
        engine.publish(REQUESTS, "default", EngineRequests.withoutRecipient(noRecipient));
        engine.publish(REQUESTS, "default", EngineRequests.withLineBreakInSubject(lineBreak, "ana@cliente.example"));
        engine.publish(REQUESTS, "default",
                EngineRequests.viaContract(unknownContract, "no-such-contract", "ana@cliente.example", unknownContract));
        engine.publish(REQUESTS, "default", EngineRequests.viaDefault(good, "ana@cliente.example", good));

        assertThat(awaitFinalStatus(good).status()).isEqualTo(Status.SENT);
        assertThat(ReceivedMail.withSubject(greenMail, good)).hasSize(1);
        assertRejected(noRecipient, "INVALID_REQUEST", "to:");
        assertRejected(lineBreak, "INVALID_REQUEST", "subject: must not contain CR or LF");
        assertRejected(unknownContract, "UNKNOWN_CONTRACT", "no-such-contract");
        assertThat(PublishedStatuses.finalOf(statusTopic, noRecipient).context()).containsEntry("flowId", "broken");
        ConsumerRecord<String, String> dead = awaitDeadLetter(notJson);
        assertThat(reason(dead)).isEqualTo("INVALID_JSON");
        assertThat(CloudEventHeaders.lastValue(dead.headers(), CloudEventHeaders.DLT_ERROR_MESSAGE)).startsWith("not valid JSON");
        assertThat(CloudEventHeaders.lastValue(dead.headers(), KafkaHeaders.ORIGINAL_TOPIC)).isEqualTo(REQUESTS);
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
        engine.publish(REQUESTS, "default", json);
        engine.publish(REQUESTS, "default", json);
        engine.publish(REQUESTS, "default", EngineRequests.viaDefault(marker, "ana@cliente.example", marker));

        awaitFinalStatus(marker);
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).hasSize(1);
        assertThat(PublishedStatuses.of(statusTopic, requestId)).singleElement()
                .satisfies(status -> assertThat(status.status()).isEqualTo(Status.SENT));
    }

    @Test
    void retriesAnUnreachableServerThenFailsToTheDeadLetterTopic() throws Exception {
        String requestId = uniqueId("closed-port");
        engine.publish(REQUESTS, "closed", EngineRequests.viaContract(requestId, "closed", "ana@cliente.example", requestId));

        DeliveryStatus failed = awaitFinalStatus(requestId);
        assertThat(PublishedStatuses.of(statusTopic, requestId)).extracting(DeliveryStatus::status, DeliveryStatus::attempt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Status.RETRYING, 1),
                        org.assertj.core.groups.Tuple.tuple(Status.RETRYING, 2),
                        org.assertj.core.groups.Tuple.tuple(Status.FAILED, 3));
        assertThat(failed.error().code()).isEqualTo("SMTP_UNREACHABLE");
        assertThat(failed.error().message()).contains("connection refused", "gave up after 3 attempts");
        assertThat(failed.outboxMailboxId()).isEqualTo("mbx-closed-out");
        assertThat(failed.messageId()).endsWith("@closed.example>");
        assertThat(PublishedStatuses.of(statusTopic, requestId)).extracting(DeliveryStatus::messageId).containsOnly(failed.messageId());
        ConsumerRecord<String, String> dead = awaitDeadLetter(requestId);
        assertThat(reason(dead)).isEqualTo("SMTP_UNREACHABLE");
        assertThat(CloudEventHeaders.lastValue(dead.headers(), KafkaHeaders.ORIGINAL_TOPIC)).isEqualTo(REQUESTS);
        MailboxStatus health = outboxHealth.read("mbx-closed-out");
        assertThat(health.state()).isEqualTo(MailboxState.UNREACHABLE);
        assertThat(health.lastError()).contains("connection refused");
    }

    @Test
    void failsAtOnceWhenTheServerRejectsTheLogin() throws Exception {
        String requestId = uniqueId("wrong-login");
        engine.publish(REQUESTS, "wrong-login",
                EngineRequests.viaContract(requestId, "wrong-login", "ana@cliente.example", requestId));

        DeliveryStatus failed = awaitFinalStatus(requestId);
        assertThat(PublishedStatuses.of(statusTopic, requestId)).singleElement();
        assertThat(failed.status()).isEqualTo(Status.FAILED);
        assertThat(failed.error().code()).isEqualTo("SMTP_AUTH_FAILED");
        assertThat(failed.error().retryable()).isFalse();
        assertThat(failed.error().message()).doesNotContain("a-wrong-password");
        assertThat(reason(awaitDeadLetter(requestId))).isEqualTo("SMTP_AUTH_FAILED");
        assertThat(outboxHealth.read("mbx-wrong-login-out").state()).isEqualTo(MailboxState.AUTH_FAILED);
        assertThat(ReceivedMail.withSubject(greenMail, requestId)).isEmpty();
    }

    @Test
    void deliversEveryPartOfARichRequestAndHidesBcc() throws Exception {
        String requestId = uniqueId("rich");
        engine.publish(REQUESTS, "xpto", EngineRequests.everyField(requestId, "Solicitud " + requestId));

        DeliveryStatus sent = awaitFinalStatus(requestId);
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
        DeliveryStatus status = awaitFinalStatus(requestId);
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
        return deadLetters.records().stream().filter(record -> record.value().contains(valuePart)).toList();
    }

    private static String reason(ConsumerRecord<String, String> deadLetter) {
        return CloudEventHeaders.lastValue(deadLetter.headers(), CloudEventHeaders.DLT_ERROR_CODE);
    }

    private static DeliveryStatus awaitFinalStatus(String requestId) {
        await().atMost(PATIENCE).untilAsserted(() -> PublishedStatuses.finalOf(statusTopic, requestId));
        return PublishedStatuses.finalOf(statusTopic, requestId);
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
