package io.mailgw.outbound.smtp;

import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.OutboxChoice;
import io.mailgw.events.SendMailRequested;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.outbound.EngineRequests;
import io.mailgw.outbound.ReceivedMail;
import io.mailgw.outbound.SenderTopics;
import io.mailgw.outbound.TestOutboxes;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sender connects only where the connect guard lets it, and trusts an outbox's own certificate
 * for that outbox's server: GreenMail over SMTPS presents {@link TestCertificate} (for
 * ip:127.0.0.1, which no JVM trusts).
 */
@SpringBootTest(properties = {"spring.config.name=outbound-sender",
        "resilience4j.retry.instances.smtp.wait-duration=20ms"})
class ConnectionSafetyIntegrationTests {

    private static final String LOGIN = "soporte@xpto.example";
    private static final String PASSWORD = "smtps-Pa55word";
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(TestCertificate.presentedBy(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTPS})))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(LOGIN, LOGIN, PASSWORD))
            .withPerMethodLifecycle(false);

    @Autowired
    SmtpMailSender sender;

    @Autowired
    MailboxStatusRecorder outboxHealth;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        SenderTopics.named("it-connection-safety").register(registry, "outbound-connection-safety");
    }

    @Test
    void deliversOverSmtpsThroughAServerWhoseCertificateTheOutboxTrusts() {
        Mailbox outbox = TestOutboxes.smtps("mbx-smtps-trusted", smtpsPort(), LOGIN, LOGIN,
                CIPHER.encrypt(PASSWORD, "mbx-smtps-trusted"), TestCertificate.pem());
        String subject = EngineRequests.uniqueId("trusted");

        SendOutcome outcome = sender.send(request(subject), outbox, "<" + subject + "@gateway.example>");

        assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
        assertThat(ReceivedMail.withSubject(greenMail, subject)).hasSize(1);
        assertThat(outboxHealth.read(outbox.id()).state()).isEqualTo(MailboxState.OK);
    }

    @Test
    void failsAtOnceWithoutTheServersCertificate() {
        Mailbox outbox = TestOutboxes.smtps("mbx-smtps-untrusted", smtpsPort(), LOGIN, LOGIN,
                CIPHER.encrypt(PASSWORD, "mbx-smtps-untrusted"), null);
        String subject = EngineRequests.uniqueId("untrusted");

        SendOutcome outcome = sender.send(request(subject), outbox, "<" + subject + "@gateway.example>");

        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Failed.class, failed -> {
            assertThat(failed.failure().code()).isEqualTo("SMTP_TLS_FAILED");
            assertThat(failed.failure().retryable()).isFalse();
            assertThat(failed.failure().reason()).startsWith("TLS failed: ").doesNotContain(PASSWORD);
        });
        assertThat(ReceivedMail.withSubject(greenMail, subject)).isEmpty();
        assertThat(outboxHealth.read(outbox.id()).state()).isEqualTo(MailboxState.TLS_FAILED);
    }

    @Test
    void refusesAPrivateAddressAtOnceWithThePlainReason() {
        Mailbox outbox = TestOutboxes.plainSmtpOn("mbx-private-out", "10.11.12.13", 25, "info@private.example");

        SendOutcome outcome = sender.send(request("private"), outbox, "<private@gateway.example>");

        String refusal = "10.11.12.13 is a private address; refused. Allow it with MAILGW_CONNECT_ALLOW=10.0.0.0/8";
        assertThat(outcome).isEqualTo(new SendOutcome.Failed(
                new SmtpFailure("CONNECT_NOT_ALLOWED", false, MailboxState.UNREACHABLE, refusal)));
        assertThat(outboxHealth.read(outbox.id()).lastError())
                .isEqualTo("Sending through smtp://10.11.12.13:25 failed (" + refusal + ")");
    }

    private static SendMailRequested request(String subject) {
        return new SendMailRequested(EngineRequests.uniqueId("req"), null, OutboxChoice.DEFAULT,
                List.of("ana@cliente.example"), null, null, null, subject, "Texto de prueba.", null, null, null, null,
                null);
    }

    private static int smtpsPort() {
        return greenMail.getSmtps().getPort();
    }
}
