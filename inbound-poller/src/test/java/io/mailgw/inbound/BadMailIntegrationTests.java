package io.mailgw.inbound;

import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.net.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
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
 * Mail that must never block its mailbox: a message nested 10,000 levels deep is published with
 * {@code parseError} and the next one follows; a message whose every read fails (a proxy cuts each
 * connection in the middle of it) is published unread, with {@code parseError}, after three
 * attempts, and the mailbox moves on.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s",
        "mailgw.inbound.backoff-initial=500ms"})
class BadMailIntegrationTests {

    private static final String PASSWORD = "bad-Pa55word";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final long DELIVERY_STACK_BYTES = 1L << 30;

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
    private String address;
    private GreenMailUser user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-bad-mail-tests");
    }

    @BeforeEach
    void userPerTest(TestInfo test) {
        id = "mbx-" + test.getTestMethod().orElseThrow().getName();
        address = id + "@xpto.example";
        user = greenMail.setUser(address, address, PASSWORD);
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
    void aMessageNestedTenThousandLevelsDeepIsPublishedWithParseErrorAndTheNextFollows() throws Exception {
        deliverOnALargeStack("/mail/deep-nesting-10000.eml");
        user.deliver(GreenMailUtil.createTextEmail(address, "ana@cliente.example", "Despues del anidado", "normal",
                greenMail.getSmtp().getServerSetup()));

        mailboxes.save(TestMailboxes.imapInbox(id, greenMail.getImap().getPort(), address, PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(id)).extracting(MailReceived::subject)
                .containsExactly("Anidado diez mil veces", "Despues del anidado"));
        MailReceived nested = topic.eventsOf(id).get(0);
        assertThat(nested.parseError()).contains("nested deeper than 50 levels");
        assertThat(nested.rawBlobId()).isNotNull();
        assertThat(topic.eventsOf(id).get(1).parseError()).isNull();
        assertThat(meters.get("mailgw.inbound.parse.errors").tag("mailbox", id).counter().count()).isEqualTo(1);
    }

    /**
     * GreenMail (2.1.14) indexes a stored message's MIME structure as it is delivered, recursing
     * once per level, so the 10,000-deep sample needs a thread with a large stack (reserved, not
     * used, until the recursion reaches it). The poller itself never recurses per level.
     */
    private void deliverOnALargeStack(String resource) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread delivery = new Thread(null, () -> {
            try (InputStream sample = getClass().getResourceAsStream(resource)) {
                user.deliver(new MimeMessage(Session.getInstance(new Properties()), sample));
            }
            catch (Throwable ex) {
                failure.set(ex);
            }
        }, "deliver-deep-sample", DELIVERY_STACK_BYTES);
        delivery.start();
        delivery.join();
        assertThat(failure.get()).as("delivery of " + resource).isNull();
    }

    @Test
    void aMessageThatFailsToBeReadThreeTimesIsPublishedUnreadAndTheMailboxMovesOn() throws Exception {
        user.deliver(GreenMailUtil.createTextEmail(address, "ana@cliente.example", "Nunca llega entero",
                "linea\r\n".repeat(100_000), greenMail.getSmtp().getServerSetup()));
        user.deliver(GreenMailUtil.createTextEmail(address, "ana@cliente.example", "El siguiente", "normal",
                greenMail.getSmtp().getServerSetup()));
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", greenMail.getImap().getPort())) {
            proxy.cutAfterServerBytes(200_000);

            mailboxes.save(TestMailboxes.imapInbox(id, proxy.port(), address, PASSWORD));

            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> topic.eventsOf(id).size() >= 2);
            List<MailReceived> events = topic.eventsOf(id);
            assertThat(events).hasSize(2);
            assertThat(events.get(0).uid()).isEqualTo(1L);
            assertThat(events.get(0).parseError())
                    .isEqualTo("could not be read from the server in 3 attempts; passed without its content");
            assertThat(events.get(0).rawBlobId()).isNull();
            assertThat(events.get(0).sizeBytes()).isGreaterThan(600_000);
            assertThat(events.get(1).subject()).isEqualTo("El siguiente");
            assertThat(proxy.cutConnections()).isGreaterThanOrEqualTo(3);
            await().dontCatchUncaughtExceptions().atMost(WAIT).until(() -> status.read(id).state() == MailboxState.OK);
        }
    }
}
