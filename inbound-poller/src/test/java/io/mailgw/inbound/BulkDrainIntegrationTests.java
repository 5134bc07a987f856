package io.mailgw.inbound;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
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
 * A backlog is read in batches of {@code batch-size} (25 here): one FETCH of bodies and one STORE per
 * batch, never a round trip per message, counted on the wire by a proxy.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s",
        "mailgw.inbound.batch-size=25"})
class BulkDrainIntegrationTests {

    private static final String ID = "mbx-backlog";
    private static final String USER = "backlog@xpto.example";
    private static final String PASSWORD = "backlog-Pa55";
    private static final int MESSAGES = 120;

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MongoOperations mongo;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-bulk-tests");
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void aBacklogIsReadPublishedAndMarkedInBatchesInItsOrderExactlyOnce() throws Exception {
        topic = new InboundTopic();
        GreenMailUser user = greenMail.setUser(USER, USER, PASSWORD);
        for (int i = 1; i <= MESSAGES; i++) {
            MimeMessage message = GreenMailUtil.createTextEmail(USER, "ana@cliente.example", "Pendiente " + i,
                    "texto " + "x".repeat(2000), greenMail.getSmtp().getServerSetup());
            user.deliver(message);
        }

        try (LineTap proxy = LineTap.to("127.0.0.1", greenMail.getImap().getPort())) {
            mailboxes.save(TestMailboxes.imapInboxMarkingSeen(ID, proxy.port(), USER, PASSWORD));

            await().atMost(Duration.ofSeconds(120)).until(() -> topic.eventsOf(ID).size() >= MESSAGES);
            await().atMost(Duration.ofSeconds(60)).until(() -> inbox().stream().allMatch(m -> m.isSet(Flags.Flag.SEEN)));

            List<String> commands = proxy.clientLines();
            long bodyFetches = commands.stream().filter(line -> line.contains("UID FETCH") && line.contains("BODY.PEEK[]"))
                    .count();
            long stores = commands.stream().filter(line -> line.contains("UID STORE")).count();
            System.out.printf("%d messages read with %d body FETCH(es) and %d STORE(s)%n", MESSAGES, bodyFetches, stores);
            assertThat(bodyFetches).isEqualTo(5);
            assertThat(stores).isEqualTo(5);
        }
        List<MailReceived> events = topic.eventsOf(ID);
        assertThat(events).extracting(MailReceived::subject)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).mapToObj(i -> "Pendiente " + i).toList());
        assertThat(events).extracting(MailReceived::uid)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, MESSAGES).mapToObj(Long::valueOf).toList());
        assertThat(((Number) mongo.findById(ID, Document.class, "inbound_checkpoints").get("lastUid")).longValue())
                .isEqualTo(MESSAGES);
    }

    private List<StoredMessage> inbox() throws Exception {
        GreenMailUser owner = greenMail.getUserManager().getUserByEmail(USER);
        return greenMail.getManagers().getImapHostManager().getInbox(owner).getMessages();
    }
}
