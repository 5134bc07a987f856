package io.mailgw.inbound;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.connect.ConnectGuard;
import io.mailgw.model.connect.ConnectGuardProperties;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.StartTlsFront;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller connects only where the connect guard lets it, to the address the guard checked,
 * and trusts a mailbox's own certificate for that mailbox's server: GreenMail over IMAPS and
 * POP3S presents {@link TestCertificate} (for ip:127.0.0.1, which no JVM trusts). The guard
 * resolves {@value #PINNED_NAME}, a name no DNS knows, to 127.0.0.1; the poller reaching GreenMail
 * by that name shows that Jakarta Mail never looks the name up again.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s"})
class ConnectionSafetyIntegrationTests {

    static final String PINNED_NAME = "mail.pinned.example";
    static final String METADATA_NAME = "metadata.pinned.example";

    private static final String PASSWORD = "tls-Pa55word";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(TestCertificate.presentedBy(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.IMAPS,
                    ServerSetupTest.POP3, ServerSetupTest.POP3S}))).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MailboxStatusRecorder status;

    private String id;
    private String user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-connection-safety");
    }

    @TestConfiguration
    static class PinnedNames {

        /** The guard of the service, resolving the test's names without DNS. */
        @Bean
        ConnectGuard connectGuard(ConnectGuardProperties properties) {
            Map<String, String> names = Map.of(PINNED_NAME, "127.0.0.1", METADATA_NAME, "169.254.169.254");
            return new ConnectGuard(properties, host -> new InetAddress[] {
                    InetAddress.getByName(names.getOrDefault(host, host))});
        }
    }

    @BeforeEach
    void userPerTest(TestInfo test) {
        id = "mbx-" + test.getTestMethod().orElseThrow().getName();
        user = id + "@xpto.example";
        greenMail.setUser(user, user, PASSWORD);
        if (topic == null) {
            topic = new InboundTopic();
        }
    }

    @AfterEach
    void stopPolling() {
        mailboxes.deleteAll();
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
            topic = null;
        }
    }

    @Test
    void readsImapsMailboxThatTrustsItsServersCertificate() {
        TestMail.send(smtpPort(), user, "Por IMAPS", "cifrado");
        mailboxes.save(TestMailboxes.imapsInbox(id, greenMail.getImaps().getPort(), user, PASSWORD,
                TestCertificate.pem()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).hasSize(1));
        MailReceived event = topic.eventsOf(id).get(0);
        assertThat(event.protocol()).isEqualTo("IMAPS");
        assertThat(event.subject()).isEqualTo("Por IMAPS");
        // the poll records its outcome after it published
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.OK));
    }

    @Test
    void readsPop3sMailboxThatTrustsItsServersCertificate() {
        TestMail.send(smtpPort(), user, "Por POP3S", "cifrado");
        mailboxes.save(TestMailboxes.pop3sInbox(id, greenMail.getPop3s().getPort(), user, PASSWORD,
                TestCertificate.pem()));

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Por POP3S"));
    }

    @Test
    void imapsMailboxWithoutTheCertificateIsTlsFailedAndReadsNothing() {
        TestMail.send(smtpPort(), user, "No confiable", "texto");
        mailboxes.save(TestMailboxes.imapsInbox(id, greenMail.getImaps().getPort(), user, PASSWORD, null));

        // GreenMail's IMAPS handler throws on the socket the poller refused; that is the server's affair
        await().atMost(WAIT).dontCatchUncaughtExceptions()
                .untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.TLS_FAILED));
        assertThat(status.read(id).lastError()).isEqualTo("server certificate not trusted");
        assertThat(topic.recordsOf(id)).isEmpty();
    }

    @Test
    void trustedCertificateForAnotherNameIsTlsFailed() {
        mailboxes.save(TestMailboxes.on(TestMailboxes.imapsInbox(id, greenMail.getImaps().getPort(), user, PASSWORD,
                null), PINNED_NAME, TestCertificate.pem()));

        // GreenMail's IMAPS handler throws on the socket the poller refused; that is the server's affair
        await().atMost(WAIT).dontCatchUncaughtExceptions()
                .untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.TLS_FAILED));
        assertThat(status.read(id).lastError()).isEqualTo("server certificate is for another host name than the mailbox's");
        assertThat(topic.recordsOf(id)).isEmpty();
    }

    @Test
    void plainImapUpgradesWithStartTlsBeforeItLogsIn() {
        TestMail.send(smtpPort(), user, "Por STARTTLS", "cifrado tras el saludo");
        try (StartTlsFront front = StartTlsFront.imap(greenMail.getImap().getPort())) {
            mailboxes.save(TestMailboxes.requiringTls(TestMailboxes.imapInbox(id, front.port(), user, PASSWORD),
                    TestCertificate.pem()));

            await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                    .containsExactly("Por STARTTLS"));
            assertThat(front.upgrades()).isPositive();
        }
    }

    @Test
    void plainPop3UpgradesWithStlsBeforeItLogsIn() {
        TestMail.send(smtpPort(), user, "Por STLS", "cifrado tras el saludo");
        try (StartTlsFront front = StartTlsFront.pop3(greenMail.getPop3().getPort())) {
            mailboxes.save(TestMailboxes.requiringTls(TestMailboxes.pop3Inbox(id, front.port(), user, PASSWORD),
                    TestCertificate.pem()));

            await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                    .containsExactly("Por STLS"));
            assertThat(front.upgrades()).isPositive();
        }
    }

    @Test
    void aMailboxThatRequiresTlsNeverSendsItsPasswordToAServerWithoutStartTls() {
        TestMail.send(smtpPort(), user, "Sin TLS", "no se lee");
        try (LineTap proxy = LineTap.to("127.0.0.1", greenMail.getImap().getPort())) {
            mailboxes.save(TestMailboxes.requiringTls(TestMailboxes.imapInbox(id, proxy.port(), user, PASSWORD), null));

            await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state())
                    .isEqualTo(MailboxState.TLS_FAILED));
            assertThat(status.read(id).lastError()).contains("does not offer STARTTLS", "requireTls");
            assertThat(proxy.clientLines()).isNotEmpty().noneMatch(line -> line.contains(PASSWORD));
            assertThat(topic.recordsOf(id)).isEmpty();
        }
    }

    @Test
    void connectsToTheCheckedAddressWithoutLookingTheNameUpAgain() {
        TestMail.send(smtpPort(), user, "Por nombre", "texto");
        mailboxes.save(TestMailboxes.on(TestMailboxes.imapInbox(id, greenMail.getImap().getPort(), user, PASSWORD),
                PINNED_NAME, null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Por nombre"));
    }

    @Test
    void refusesThePrivateAddressANameResolvesToWithThePlainReason() {
        mailboxes.save(TestMailboxes.on(TestMailboxes.imapInbox(id, 143, user, PASSWORD), METADATA_NAME, null));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.UNREACHABLE));
        MailboxStatus refused = status.read(id);
        assertThat(refused.lastError()).isEqualTo(METADATA_NAME + " resolves to 169.254.169.254, the cloud metadata "
                + "address; refused. Allow it with MAILGW_CONNECT_ALLOW=169.254.169.254/32");
        assertThat(refused.failures()).isPositive();
    }

    @Test
    void refusesPortsThatAreNoMailPorts() {
        mailboxes.save(TestMailboxes.imapInbox(id, 80, user, PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).lastError())
                .isEqualTo("port 80 of 127.0.0.1 is not a mail port; refused. Allow it with MAILGW_CONNECT_PORTS="
                        + TestInfrastructure.CONNECT_PORTS + ",80"));
        assertThat(status.read(id).state()).isEqualTo(MailboxState.UNREACHABLE);
    }

    private static int smtpPort() {
        return greenMail.getSmtp().getPort();
    }
}
