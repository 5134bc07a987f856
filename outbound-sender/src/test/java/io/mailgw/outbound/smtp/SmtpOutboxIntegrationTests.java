package io.mailgw.outbound.smtp;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.ConnectGuardProperties;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.LoginSecrets;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.outbound.OutboundProperties;
import io.mailgw.outbound.TestOutboundProperties;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.outbound.delivery.ErrorCode;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.smtp.ReceivedMessage;
import io.mailgw.testing.smtp.ScriptedSmtpServer;
import io.mailgw.testing.smtp.SmtpStep;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One outbox's SMTP side against a server scripted to answer exactly as real ones do when things
 * go wrong: pooled and reused connections, RSET after a failed transaction, a 421 close, 452 after
 * a few recipients, per-recipient refusals, a refused message, a drop after DATA, a stall past the
 * deadline and a rejected login. No Kafka, no MongoDB: only the SMTP conversation.
 */
class SmtpOutboxIntegrationTests {

    private static final String USER = "soporte@xpto.example";
    private static final String PASSWORD = "the-right-password";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);

    private final ScriptedSmtpServer server = ScriptedSmtpServer.start();
    private final SmtpMessageFactory messages = new SmtpMessageFactory(Clock.systemUTC());
    private SmtpOutbox smtp;

    @AfterEach
    void close() {
        if (smtp != null) {
            smtp.close();
        }
        server.close();
    }

    @Test
    void sendsManyMessagesOverOneConnectionLoggedInOnce() throws Exception {
        server.script().acceptLogin(USER, PASSWORD);
        smtp = open(Map.of(), true);

        List<SendReport> reports = IntStream.range(0, 5).mapToObj(i -> send("ana@cliente.example")).toList();

        assertThat(reports).allSatisfy(report -> {
            assertThat(report.failed()).isFalse();
            assertThat(report.reply()).startsWith("250");
        });
        assertThat(server.messages()).hasSize(5);
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.authCommands()).isEqualTo(1);
    }

    @Test
    void closesAConnectionOnceItSentItsShareAndOpensAnother() {
        smtp = open(Map.of("mailgw.outbound.smtp.max-messages-per-connection", "2"), false);

        IntStream.range(0, 5).forEach(i -> assertThat(send("ana@cliente.example").failed()).isFalse());

        assertThat(server.messages()).hasSize(5);
        assertThat(server.connections()).isEqualTo(3);
    }

    @Test
    void startsOverWithRsetAfterAFailedTransactionOnTheSameConnection() {
        server.script().rcptReply("nobody@cliente.example", "550 5.1.1 no such user");
        smtp = open(Map.of(), false);

        SendReport refused = send("nobody@cliente.example");
        SendReport next = send("ana@cliente.example");

        assertThat(refused.failed()).isFalse();
        assertThat(refused.accepted()).isEmpty();
        assertThat(refused.refused()).singleElement().satisfies(refusal -> {
            assertThat(refusal.code()).isEqualTo(550);
            assertThat(refusal.permanent()).isTrue();
        });
        assertThat(next.accepted()).containsExactly("ana@cliente.example");
        assertThat(server.connections()).isEqualTo(1);
        assertThat(server.rsetCommands()).isPositive();
    }

    @Test
    void replacesAConnectionTheServerClosedWith421AtNoCostToTheMessage() {
        server.script().closeAfterMessages(1);
        smtp = open(Map.of(), false);

        SendReport first = send("ana@cliente.example");
        SendReport second = send("luis@cliente.example");

        assertThat(first.failed()).isFalse();
        assertThat(second.failed()).isFalse();
        assertThat(server.messages()).hasSize(2);
        assertThat(server.connections()).isEqualTo(2);
    }

    @Test
    void sendsTheRestInFurtherTransactionsWhenTheServerTakesOnlyAFewRecipientsAtOnce() {
        server.script().tooManyRecipientsAfter(2);
        smtp = open(Map.of(), false);

        SendReport report = send("a@x.example", "b@x.example", "c@x.example", "d@x.example", "e@x.example");

        assertThat(report.failed()).isFalse();
        assertThat(report.accepted()).containsExactly("a@x.example", "b@x.example", "c@x.example", "d@x.example",
                "e@x.example");
        assertThat(report.refused()).isEmpty();
        assertThat(server.messages()).extracting(message -> message.recipients().size()).containsExactly(2, 2, 1);
        assertThat(server.messages()).extracting(ReceivedMessage::messageId).containsOnly("<m-1@xpto.example>");
    }

    @Test
    void servesTheRecipientsTheServerTakesAndNamesEachRefusal() {
        server.script().rcptReply("nobody@x.example", "550 5.1.1 no such user")
                .rcptReply("later@x.example", "451 4.7.1 greylisted, try again");
        smtp = open(Map.of(), false);

        SendReport report = send("ana@x.example", "nobody@x.example", "later@x.example");

        assertThat(report.failed()).isFalse();
        assertThat(report.accepted()).containsExactly("ana@x.example");
        assertThat(report.refused()).extracting(SendReport.Refusal::address, SendReport.Refusal::code,
                SendReport.Refusal::permanent).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("nobody@x.example", 550, true),
                org.assertj.core.groups.Tuple.tuple("later@x.example", 451, false));
        assertThat(server.messages()).singleElement().satisfies(message ->
                assertThat(message.recipients()).containsExactly("ana@x.example"));
    }

    @Test
    void aMessageRefusedAfterItsDataFailsForGoodWithoutBlamingTheConnection() {
        server.script().dataReply("554 5.7.1 rejected as spam");
        smtp = open(Map.of(), false);

        SendReport report = send("ana@cliente.example");

        assertThat(report.failure().code()).isEqualTo(ErrorCode.SMTP_REJECTED);
        assertThat(report.failure().retryable()).isFalse();
        assertThat(report.failure().reason()).contains("554");
        server.script().acceptEverything();
        assertThat(send("ana@cliente.example").failed()).isFalse();
        assertThat(server.connections()).isEqualTo(1);
    }

    @Test
    void aTemporaryRefusalOfTheSenderIsRetryable() {
        server.script().mailReply("451 4.3.0 try again later");
        smtp = open(Map.of(), false);

        SendReport report = send("ana@cliente.example");

        assertThat(report.failure().code()).isEqualTo(ErrorCode.SMTP_TEMPORARY_FAILURE);
        assertThat(report.failure().retryable()).isTrue();
    }

    @Test
    void aDropAfterTheDataIsARetryableLostConnection() {
        server.script().drop(SmtpStep.END_OF_DATA);
        smtp = open(Map.of(), false);

        SendReport report = send("ana@cliente.example");

        assertThat(report.failure().code()).isEqualTo(ErrorCode.SMTP_CONNECTION_LOST);
        assertThat(report.failure().retryable()).isTrue();
        assertThat(report.accepted()).isEmpty();
    }

    @Test
    void anAttemptThatHangsPastItsDeadlineEndsAsATimeout() {
        server.script().stall(SmtpStep.MAIL);
        smtp = open(Map.of("mailgw.outbound.smtp.deadline", "1s", "mailgw.outbound.smtp.read-timeout", "30s"), false);

        SendReport report = send("ana@cliente.example");

        assertThat(report.failure().code()).isEqualTo(ErrorCode.SMTP_TIMEOUT);
        assertThat(report.failure().reason()).contains("deadline of 1 s");
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void aRejectedLoginIsTheOutboxsAndNamesNoSecret() {
        server.script().acceptLogin(USER, "the-new-password").authReply("535 5.7.8 Authentication credentials invalid");
        smtp = open(Map.of(), true);

        SendReport report = send("ana@cliente.example");

        assertThat(report.failure().isLoginRejected()).isTrue();
        assertThat(report.failure().retryable()).isFalse();
        assertThat(report.failure().reason()).doesNotContain(PASSWORD);
        assertThat(server.messages()).isEmpty();
    }

    @Test
    void aGreetingOf421IsRetryable() {
        server.script().greeting("421 4.3.2 too busy, try later");
        smtp = open(Map.of(), false);

        SendReport report = send("ana@cliente.example");

        assertThat(report.failure().code()).isEqualTo(ErrorCode.SMTP_TEMPORARY_FAILURE);
        assertThat(report.failure().retryable()).isTrue();
    }

    private SmtpOutbox open(Map<String, String> overrides, boolean login) {
        OutboundProperties properties = TestOutboundProperties.with(overrides);
        ConnectGuard guard = new ConnectGuard(new ConnectGuardProperties(List.of(TestInfrastructure.CONNECT_ALLOW),
                List.of(TestInfrastructure.CONNECT_PORTS.split(","))));
        SmtpSender sender = new SmtpSender(new SmtpFailureClassifier(), new LoginSecrets(CIPHER, null), new SmtpDeadlines(),
                properties);
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom().maxAttempts(1).build());
        Mailbox outbox = login
                ? TestOutboxes.authenticatedSmtp("mbx-scripted", server.port(), USER, USER, CIPHER.encrypt(PASSWORD, "mbx-scripted"))
                : TestOutboxes.plainSmtp("mbx-scripted", server.port(), USER);
        return new SmtpOutboxes(guard, sender, properties, retries, Clock.systemUTC()).open(outbox.withDefaults());
    }

    private SendReport send(String... recipients) {
        try {
            SendMailRequested request = new SendMailRequested("r-1", null, OutboxChoice.DEFAULT, List.of(recipients),
                    null, null, null, "Asunto", "Texto", null, null, null, null, null);
            MimeMessage message = messages.build(request, smtp.outbox(), "<m-1@xpto.example>");
            return smtp.send(message, List.of(InternetAddress.parse(String.join(",", recipients))));
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }
}
