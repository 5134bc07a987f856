package io.mailgw.inbound;

import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.net.TcpProxy;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections cut in the middle of a FETCH of bodies: a proxy drops every connection after
 * 300 KB from the server, halfway through the second batch of 200 KB. Each session publishes the
 * batches it read whole, the checkpoint stays at the last one published, and the next session
 * resumes there: all messages arrive, in order, none twice.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s",
        "mailgw.inbound.batch-size=10", "mailgw.inbound.backoff-initial=500ms"})
class CutConnectionIntegrationTests {

    private static final String ID = "mbx-cut";
    private static final String USER = "cut@xpto.example";
    private static final String PASSWORD = "cut-Pa55word";
    private static final int MESSAGES = 30;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MongoOperations mongo;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-cut-tests");
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void aFetchCutMidwayPublishesNothingOfItsBatchAndTheNextSessionResumesAtTheCheckpoint() throws Exception {
        topic = new InboundTopic();
        GreenMailUser user = greenMail.setUser(USER, USER, PASSWORD);
        for (int i = 1; i <= MESSAGES; i++) {
            user.deliver(GreenMailUtil.createTextEmail(USER, "ana@cliente.example", "Adjunto " + i,
                    "linea de texto\r\n".repeat(1300), greenMail.getSmtp().getServerSetup()));
        }
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", greenMail.getImap().getPort())) {
            proxy.cutAfterServerBytes(300_000);
            mailboxes.save(TestMailboxes.imapInbox(ID, proxy.port(), USER, PASSWORD));

            await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(180)).until(() -> lastUid() == MESSAGES);

            System.out.printf("%d connections, %d cut mid-stream%n", proxy.connections(), proxy.cutConnections());
            assertThat(proxy.cutConnections()).isGreaterThanOrEqualTo(2);
        }
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(30)).until(() -> topic.eventsOf(ID).size() >= MESSAGES);
        List<MailReceived> events = topic.eventsOf(ID);
        assertThat(events).extracting(MailReceived::uid)
                .containsExactlyElementsOf(LongStream.rangeClosed(1, MESSAGES).boxed().toList());
        assertThat(events).extracting(MailReceived::eventId).doesNotHaveDuplicates();
        assertThat(meters.get("mailgw.inbound.poll.failures").tag("mailbox", ID)
                .tag("state", MailboxState.UNREACHABLE.name()).counter().count()).isGreaterThanOrEqualTo(2);
    }

    private long lastUid() {
        Document checkpoint = mongo.findById(ID, Document.class, "inbound_checkpoints");
        return checkpoint == null || checkpoint.get("lastUid") == null ? 0 : ((Number) checkpoint.get("lastUid")).longValue();
    }
}
