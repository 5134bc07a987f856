package io.mailgw.inbound;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.net.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionFactory;
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
 * IMAP IDLE against GreenMail, which offers it. The mailboxes here are polled once an hour and
 * their IDLE is renewed once an hour, so a message that arrives within the test's wait came by
 * push. A proxy in front of GreenMail drops connections, or hides IDLE from the capabilities.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s",
        "mailgw.inbound.idle-renew=1h", "mailgw.inbound.backoff-initial=500ms"})
class ImapIdleIntegrationTests {

    private static final String PASSWORD = "idle-Pa55word";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MailboxStatusRecorder status;

    @Autowired
    private MeterRegistry meters;

    private String id;
    private String user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-idle-tests");
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
        await().atMost(WAIT).until(() -> idleConnections() == 0);
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
            topic = null;
        }
    }

    @Test
    void newMailIsPublishedAsTheServerAnnouncesIt() {
        mailboxes.save(hourly(TestMailboxes.idling(TestMailboxes.imapInbox(id, greenMail.getImap().getPort(), user,
                PASSWORD))));
        awaitIdling();

        TestMail.send(greenMail.getSmtp().getPort(), user, "Por IDLE", "llega enseguida");

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Por IDLE"));
        assertThat(status.read(id).nextAttemptAt()).as("waits for news, not for a time").isNull();
        awaitIdling();
    }

    @Test
    void aMailboxSwitchedOffWhileWaitingWithIdleReadsNothingUntilSwitchedOnAgain() {
        Mailbox desk = mailboxes.save(hourly(TestMailboxes.idling(TestMailboxes.imapInbox(id,
                greenMail.getImap().getPort(), user, PASSWORD))));
        String witness = id + "-witness";
        greenMail.setUser(witness + "@xpto.example", witness + "@xpto.example", PASSWORD);
        mailboxes.save(hourly(TestMailboxes.idling(TestMailboxes.imapInbox(witness, greenMail.getImap().getPort(),
                witness + "@xpto.example", PASSWORD))));
        await().atMost(WAIT).until(() -> idleConnections() == 2);

        mailboxes.save(desk.toBuilder().enabled(false).build());
        TestMail.send(greenMail.getSmtp().getPort(), user, "Apagado", "no se lee");
        TestMail.send(greenMail.getSmtp().getPort(), witness + "@xpto.example", "Testigo", "se lee");

        await().atMost(WAIT).until(() -> topic.eventsOf(witness).size() == 1 && idleConnections() == 1);
        assertThat(topic.recordsOf(id)).isEmpty();
        mailboxes.save(mailboxes.findById(id).orElseThrow().toBuilder().enabled(true).build());
        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Apagado"));
    }

    @Test
    void aDroppedIdleConnectionIsOpenedAgainAndWaitsForNewsAgain() {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", greenMail.getImap().getPort())) {
            mailboxes.save(hourly(TestMailboxes.idling(TestMailboxes.imapInbox(id, proxy.port(), user, PASSWORD))));
            awaitIdling();
            double reconnects = reconnects();

            proxy.cutAll();

            awaitingCuts().atMost(WAIT).until(() -> reconnects() > reconnects && proxy.connections() >= 2 && idleConnections() == 1);
            TestMail.send(greenMail.getSmtp().getPort(), user, "Tras el corte", "sigue llegando");
            awaitingCuts().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                    .containsExactly("Tras el corte"));
            assertThat(status.read(id).state()).isEqualTo(MailboxState.OK);
        }
    }

    @Test
    void withoutIdleOnTheServerTheMailboxIsPolledAtItsInterval() {
        try (LineTap proxy = LineTap.to("127.0.0.1", greenMail.getImap().getPort())
                .rewritingServerLines(line -> line.contains("CAPABILITY") ? line.replace(" IDLE", "") : line)) {
            Mailbox polledEverySecond = TestMailboxes.idling(TestMailboxes.imapInbox(id, proxy.port(), user, PASSWORD));
            mailboxes.save(polledEverySecond);
            await().atMost(WAIT).until(() -> status.read(id).lastSuccessAt() != null);

            TestMail.send(greenMail.getSmtp().getPort(), user, "Sin aviso", "por sondeo");

            await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                    .containsExactly("Sin aviso"));
            assertThat(idleConnections()).isZero();
            assertThat(status.read(id).nextAttemptAt()).as("the next poll").isNotNull();
            assertThat(proxy.clientLines()).noneMatch(line -> line.endsWith(" IDLE"));
        }
    }

    @Test
    void aMailboxWithIdleSwitchedOffIsPolledOnItsKeptConnection() {
        try (LineTap proxy = LineTap.to("127.0.0.1", greenMail.getImap().getPort())) {
            mailboxes.save(TestMailboxes.imapInbox(id, proxy.port(), user, PASSWORD));
            await().atMost(WAIT).until(() -> status.read(id).lastSuccessAt() != null);

            TestMail.send(greenMail.getSmtp().getPort(), user, "Sondeo", "uno");
            TestMail.send(greenMail.getSmtp().getPort(), user, "Sondeo", "dos");

            await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).hasSize(2));
            assertThat(idleConnections()).isZero();
            assertThat(proxy.connections()).as("one login for every poll").isEqualTo(1);
            assertThat(proxy.clientLines()).filteredOn(line -> line.contains(" LOGIN ") || line.contains(" AUTHENTICATE "))
                    .hasSize(1);
        }
    }

    /**
     * An await that leaves other threads' exceptions alone: GreenMail's handler of a connection the
     * proxy cut ends with one, by design.
     */
    private static ConditionFactory awaitingCuts() {
        return await().dontCatchUncaughtExceptions();
    }

    private static Mailbox hourly(Mailbox mailbox) {
        return mailbox.toBuilder().pollIntervalSeconds(3600).build();
    }

    private void awaitIdling() {
        await().atMost(WAIT).until(() -> idleConnections() == 1);
    }

    private double idleConnections() {
        return meters.get("mailgw.inbound.idle.connections").gauge().value();
    }

    private double reconnects() {
        return meters.find("mailgw.inbound.idle.reconnects").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
