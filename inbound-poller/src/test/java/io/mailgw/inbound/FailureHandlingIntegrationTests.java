package io.mailgw.inbound;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How failing mailboxes are retried: exponential backoff with jitter (from 1 s here), a refused login
 * only after an hour or a change of its settings, and the status saying when the next try is.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=100ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s",
        "mailgw.inbound.backoff-initial=1s"})
class FailureHandlingIntegrationTests {

    private static final String PASSWORD = "retry-Pa55word";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final SecretCipher CIPHER = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MailboxStatusRecorder status;

    private String id;
    private String user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-failure-tests");
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
    void stopReading() {
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
    void anUnreachableServerIsTriedAgainAfterGrowingWaitsThatTheStatusNames() throws Exception {
        int closedPort;
        try (ServerSocket free = new ServerSocket(0)) {
            closedPort = free.getLocalPort();
        }
        Map<Long, Duration> waits = new ConcurrentHashMap<>();
        mailboxes.save(TestMailboxes.imapInbox(id, closedPort, user, PASSWORD));

        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            MailboxStatus now = status.read(id);
            if (now.nextAttemptAt() != null && now.lastErrorAt() != null) {
                waits.putIfAbsent(now.failures(), Duration.between(now.lastErrorAt(), now.nextAttemptAt()));
            }
            return now.failures() >= 3;
        });

        MailboxStatus failing = status.read(id);
        System.out.printf("Waits after each failure: %s%n", new java.util.TreeMap<>(waits));
        assertThat(failing.state()).isEqualTo(MailboxState.UNREACHABLE);
        assertThat(failing.lastError()).isEqualTo("connection refused");
        assertThat(waits.get(1L)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(waits.get(3L)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
    }

    @Test
    void aRefusedLoginWaitsAnHourOrUntilItsSettingsChangeSoNoAccountIsLockedOut() {
        TestMail.send(greenMail.getSmtp().getPort(), user, "Tras corregir", "la clave");
        Mailbox wrong = mailboxes.save(TestMailboxes.imapInbox(id, greenMail.getImap().getPort(), user, "not-" + PASSWORD));
        await().atMost(WAIT).until(() -> status.read(id).state() == MailboxState.AUTH_FAILED);
        MailboxStatus refused = status.read(id);
        assertThat(Duration.between(refused.lastErrorAt(), refused.nextAttemptAt())).isEqualTo(Duration.ofHours(1));

        String witness = id + "-witness";
        greenMail.setUser(witness + "@xpto.example", witness + "@xpto.example", PASSWORD);
        mailboxes.save(TestMailboxes.imapInbox(witness, greenMail.getImap().getPort(), witness + "@xpto.example",
                PASSWORD));
        Instant later = Instant.now().plusSeconds(3);
        await().atMost(WAIT).until(() -> status.read(witness).lastSuccessAt() != null
                && status.read(witness).lastSuccessAt().isAfter(later));
        assertThat(status.read(id).failures()).as("no login tried again meanwhile").isEqualTo(1);

        mailboxes.save(wrong.toBuilder().password(CIPHER.encrypt(PASSWORD, id)).build());

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Tras corregir"));
        assertThat(status.read(id).state()).isEqualTo(MailboxState.OK);
    }
}
