package io.mailgw.inbound;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.testing.TestInfrastructure;
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
 * A mailbox created while the poller runs is read once a refresh has seen it, without waiting for
 * the next lease round: the lease period here is ten minutes (a round every 100 s), far longer than
 * the test waits, so only the round that the refresh starts can claim the mailbox.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=10m", "mailgw.inbound.min-poll-interval=1s"})
class NewMailboxIntegrationTests {

    private static final String ID = "mbx-new";
    private static final String USER = "new@xpto.example";
    private static final String PASSWORD = "new-Pa55";
    private static final Duration WAIT = Duration.ofSeconds(60);

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
        TestInfrastructure.register(registry, "inbound-new-mailbox-tests");
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void aMailboxCreatedAfterTheLeaseRoundIsReadWithoutWaitingForTheNextRound() {
        topic = new InboundTopic();
        greenMail.setUser(USER, USER, PASSWORD);
        TestMail.send(greenMail.getSmtp().getPort(), USER, "Nuevo buzon", "leido sin esperar la ronda");
        // the poller's first lease round, at its start, wrote its heartbeat: the next one is 100 s away
        await().atMost(WAIT).until(() -> mongo.getCollection("inbound_pollers").countDocuments() > 0);

        mailboxes.save(TestMailboxes.imapInbox(ID, greenMail.getImap().getPort(), USER, PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(ID)).extracting(MailReceived::subject)
                .containsExactly("Nuevo buzon"));
    }
}
