package io.mailgw.inbound;

import java.time.Duration;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A folder whose UIDVALIDITY changed (a mailbox migration renumbers every message) is read again,
 * but a message published before is recognised by its Message-ID and content hash and not
 * published again. The change is simulated on the checkpoint's side: it keeps another UIDVALIDITY
 * than the server's, exactly what the poller sees after a migration.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.refresh=500ms", "mailgw.inbound.lease-period=3s", "mailgw.inbound.min-poll-interval=1s"})
class UidValidityChangeIntegrationTests {

    private static final String ID = "mbx-renumbered";
    private static final String USER = "renumbered@xpto.example";
    private static final String PASSWORD = "renumber-Pa55";
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
    private MongoOperations mongo;

    @Autowired
    private MeterRegistry meters;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-uidvalidity-tests");
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void aRenumberedFolderIsReadAgainWithoutPublishingWhatWasPublishedBefore() {
        topic = new InboundTopic();
        greenMail.setUser(USER, USER, PASSWORD);
        TestMail.send(greenMail.getSmtp().getPort(), USER, "Primero", "antes de la migracion");
        Mailbox mailbox = mailboxes.save(TestMailboxes.imapInbox(ID, greenMail.getImap().getPort(), USER, PASSWORD));
        await().atMost(WAIT).until(() -> topic.eventsOf(ID).size() == 1);

        mailboxes.save(mailbox.toBuilder().enabled(false).build());
        await().atMost(WAIT).until(() -> mongo.findById(ID, Document.class, "inbound_leases").get("owner") == null);
        long uidValidity = ((Number) mongo.findById(ID, Document.class, "inbound_checkpoints").get("uidValidity"))
                .longValue();
        mongo.updateFirst(Query.query(Criteria.where("_id").is(ID)), new Update().set("uidValidity", uidValidity - 5),
                "inbound_checkpoints");
        TestMail.send(greenMail.getSmtp().getPort(), USER, "Segundo", "despues de la migracion");
        mailboxes.save(mailboxes.findById(ID).orElseThrow().toBuilder().enabled(true).build());

        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.eventsOf(ID)).extracting(MailReceived::subject)
                .containsExactly("Primero", "Segundo"));
        assertThat(meters.get("mailgw.inbound.uidvalidity.resets").tag("mailbox", ID).counter().count()).isEqualTo(1);
        assertThat(meters.get("mailgw.inbound.duplicates.skipped").tag("mailbox", ID).counter().count()).isEqualTo(1);
        assertThat(mongo.findById(ID, Document.class, "inbound_checkpoints").get("uidValidity")).isEqualTo(uidValidity);
    }
}
