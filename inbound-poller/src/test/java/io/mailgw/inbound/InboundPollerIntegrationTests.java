package io.mailgw.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.EventTypes;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Flags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The poller against real servers: GreenMail (SMTP, IMAP, POP3 on dynamic ports), the embedded
 * Kafka broker and the MongoDB wire server. Mailboxes are polled every second.
 */
@SpringBootTest(properties = {"spring.config.name=inbound-poller", "mailgw.inbound.tick=200ms",
        "mailgw.inbound.min-poll-interval=1s"})
class InboundPollerIntegrationTests {

    private static final String PASSWORD = "s3cret-Pa55";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP)).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @Autowired
    private MailboxRepository mailboxes;

    @Autowired
    private MailboxStatusRecorder status;

    @Autowired
    private MongoOperations mongo;

    @Autowired
    private GridFsOperations gridFs;

    @Autowired
    private MeterRegistry meters;

    private String id;
    private String user;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "inbound-poller-tests");
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
    void publishesImapMailExactlyOnceWithItsFields() throws Exception {
        TestMail.send(smtpPort(), user, "No funciona la impresora", "La impresora del segundo piso no imprime.");
        mailboxes.save(TestMailboxes.imapInbox(id, imapPort(), user, PASSWORD));

        ConsumerRecord<String, String> record = awaitOneRecord(id);
        MailReceived event = topic.eventsOf(id).get(0);
        assertThat(event.eventId()).matches(id + ":[0-9]+:1").isEqualTo(header(record, CloudEventHeaders.ID));
        assertThat(event.mailboxId()).isEqualTo(id);
        assertThat(event.contractId()).isEqualTo(TestMailboxes.CONTRACT);
        assertThat(event.protocol()).isEqualTo("IMAP");
        assertThat(event.folder()).isEqualTo("INBOX");
        assertThat(event.uid()).isEqualTo(1L);
        assertThat(event.from()).isEqualTo(new MailReceived.Address(TestMail.SENDER, TestMail.SENDER_NAME));
        assertThat(event.subject()).isEqualTo("No funciona la impresora");
        assertThat(event.text()).isEqualTo("La impresora del segundo piso no imprime.");
        assertThat(event.rawBlobId()).isNotBlank();
        assertThat(event.parseError()).isNull();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo(EventTypes.MAIL_RECEIVED);
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/mailgw/inbound-poller");
        assertThat(record.value()).doesNotContain(PASSWORD);

        GridFSFile raw = gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(event.rawBlobId()))));
        assertThat(raw.getLength()).isEqualTo(event.sizeBytes());

        awaitTwoMorePolls(id);
        assertThat(topic.recordsOf(id)).hasSize(1);
        assertThat(inbox().get(0).isSet(Flags.Flag.SEEN)).as("afterRead NONE leaves the message unseen").isFalse();
        assertThat(meters.get("mailgw.inbound.messages.published").tag("mailbox", id).counter().count()).isEqualTo(1);
        assertThat(meters.get("mailgw.inbound.poll").tag("outcome", "success").timer().count())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    void publishesPop3MailExactlyOnceWithItsFields() {
        TestMail.send(smtpPort(), user, "Consulta por POP3", "Hola desde POP3.");
        mailboxes.save(TestMailboxes.pop3Inbox(id, pop3Port(), user, PASSWORD));

        ConsumerRecord<String, String> record = awaitOneRecord(id);
        MailReceived event = topic.eventsOf(id).get(0);
        assertThat(event.eventId()).startsWith(id + ":pop3:").isEqualTo(header(record, CloudEventHeaders.ID));
        assertThat(event.contractId()).isEqualTo(TestMailboxes.CONTRACT);
        assertThat(event.protocol()).isEqualTo("POP3");
        assertThat(event.uidValidity()).isNull();
        assertThat(event.from().address()).isEqualTo(TestMail.SENDER);
        assertThat(event.subject()).isEqualTo("Consulta por POP3");
        assertThat(event.text()).isEqualToIgnoringNewLines("Hola desde POP3.");

        awaitTwoMorePolls(id);
        assertThat(topic.recordsOf(id)).hasSize(1);
    }

    @Test
    void imapMailboxStartingNowSkipsMailAlreadyThere() {
        assertSkipsMailAlreadyThere(TestMailboxes.imapInboxFromNow(id, imapPort(), user, PASSWORD));
    }

    @Test
    void pop3MailboxStartingNowSkipsMailAlreadyThere() {
        assertSkipsMailAlreadyThere(TestMailboxes.pop3InboxFromNow(id, pop3Port(), user, PASSWORD));
    }

    @Test
    void marksImapMessageSeenOncePublished() {
        TestMail.send(smtpPort(), user, "Marcar como leido", "texto");
        mailboxes.save(TestMailboxes.imapInboxMarkingSeen(id, imapPort(), user, PASSWORD));

        awaitOneRecord(id);

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox().get(0).isSet(Flags.Flag.SEEN)).isTrue());
    }

    @Test
    void movesImapMessageToItsFolderOncePublished() throws Exception {
        GreenMailUser owner = greenMail.getUserManager().getUserByEmail(user);
        greenMail.getManagers().getImapHostManager().createMailbox(owner, "Procesados");
        TestMail.send(smtpPort(), user, "Mover", "texto");
        mailboxes.save(TestMailboxes.imapInboxMovingTo(id, imapPort(), user, PASSWORD, "Procesados"));

        awaitOneRecord(id);

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox()).isEmpty());
        // GreenMail may expunge the source before the target shows the moved message
        await().atMost(WAIT).untilAsserted(() -> assertThat(greenMail.getManagers().getImapHostManager()
                .getFolder(owner, "Procesados").getMessageCount()).isEqualTo(1));
        awaitTwoMorePolls(id);
        assertThat(topic.recordsOf(id)).hasSize(1);
    }

    @Test
    void missingMoveToFolderFailsThePollBeforeReadingAnything() {
        TestMail.send(smtpPort(), user, "Sin carpeta", "texto");
        mailboxes.save(TestMailboxes.imapInboxMovingTo(id, imapPort(), user, PASSWORD, "NoExiste"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.DEGRADED));
        assertThat(status.read(id).lastError()).isEqualTo("folder 'NoExiste' does not exist on the server");
        assertThat(topic.recordsOf(id)).isEmpty();
    }

    @Test
    void deletesPop3MessageOncePublished() throws Exception {
        TestMail.send(smtpPort(), user, "Borrar", "texto");
        mailboxes.save(TestMailboxes.pop3InboxDeleting(id, pop3Port(), user, PASSWORD));

        awaitOneRecord(id);

        await().atMost(WAIT).untilAsserted(() -> assertThat(inbox()).isEmpty());
        awaitTwoMorePolls(id);
        assertThat(topic.recordsOf(id)).hasSize(1);
    }

    @Test
    void disabledMailboxIsNotPolledUntilEnabled() {
        TestMail.send(smtpPort(), user, "Buzon apagado", "texto");
        Mailbox disabled = mailboxes.save(TestMailboxes.disabledImapInbox(id, imapPort(), user, PASSWORD));
        String witness = id + "-witness";
        greenMail.setUser(witness + "@xpto.example", witness + "@xpto.example", PASSWORD);
        mailboxes.save(TestMailboxes.imapInbox(witness, imapPort(), witness + "@xpto.example", PASSWORD));

        awaitTwoMorePolls(witness);
        assertThat(topic.recordsOf(id)).isEmpty();
        assertThat(status.read(id).lastSuccessAt()).isNull();

        mailboxes.save(TestMailboxes.enabled(disabled));
        assertThat(awaitOneRecord(id).key()).isEqualTo(id);
    }

    @Test
    void wrongPasswordGivesAuthFailedStatusWithoutTheSecret() {
        mailboxes.save(TestMailboxes.imapInbox(id, imapPort(), user, "not-" + PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(id).state()).isEqualTo(MailboxState.AUTH_FAILED));
        MailboxStatus failed = status.read(id);
        assertThat(failed.lastError()).isEqualTo("authentication rejected");
        assertThat(failed.failures()).isPositive();
        assertThat(topic.recordsOf(id)).isEmpty();
    }

    @Test
    void changedUidValidityReadsTheFolderAgainWithNewEventIds() throws Exception {
        TestMail.send(smtpPort(), user, "Renumerado", "texto");
        long uidValidity = greenMail.getManagers().getImapHostManager().getInbox(greenMail.getUserManager()
                .getUserByEmail(user)).getUidValidity();
        saveCheckpoint("imap:" + user + "@" + TestMailboxes.HOST + "/INBOX", uidValidity - 1, 99);
        mailboxes.save(TestMailboxes.imapInboxFromNow(id, imapPort(), user, PASSWORD));

        awaitOneRecord(id);

        assertThat(topic.eventsOf(id)).extracting(MailReceived::eventId)
                .containsExactly(MailReceived.imapEventId(id, uidValidity, 1));
    }

    @Test
    void changedUidValidityOfAnEmptyFolderIsRecordedOnce() throws Exception {
        long uidValidity = greenMail.getManagers().getImapHostManager().getInbox(greenMail.getUserManager()
                .getUserByEmail(user)).getUidValidity();
        String source = "imap:" + user + "@" + TestMailboxes.HOST + "/INBOX";
        saveCheckpoint(source, uidValidity - 1, 99);
        mailboxes.save(TestMailboxes.imapInboxFromNow(id, imapPort(), user, PASSWORD));

        await().atMost(WAIT).untilAsserted(() -> assertThat(checkpoint())
                .satisfies(checkpoint -> {
                    assertThat(checkpoint.get("uidValidity")).isEqualTo(uidValidity);
                    assertThat(checkpoint.get("lastUid")).isEqualTo(0L);
                }));
    }

    /** A checkpoint as an earlier poller left it: no fence yet, as before leases had tokens. */
    private void saveCheckpoint(String source, long uidValidity, long lastUid) {
        mongo.save(new Document("_id", id).append("source", source).append("uidValidity", uidValidity)
                .append("lastUid", lastUid), "inbound_checkpoints");
    }

    private Document checkpoint() {
        return mongo.findById(id, Document.class, "inbound_checkpoints");
    }

    /** Mail there before the first poll of {@code startingNow} is left alone; mail that arrives later is published. */
    private void assertSkipsMailAlreadyThere(Mailbox startingNow) {
        TestMail.send(smtpPort(), user, "Antes", "ya estaba");
        mailboxes.save(startingNow);
        awaitTwoMorePolls(id);

        TestMail.send(smtpPort(), user, "Despues", "llega despues");

        awaitOneRecord(id);
        awaitTwoMorePolls(id);
        assertThat(topic.eventsOf(id)).extracting(MailReceived::subject).containsExactly("Despues");
    }

    private ConsumerRecord<String, String> awaitOneRecord(String mailboxId) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.recordsOf(mailboxId)).hasSize(1));
        return topic.recordsOf(mailboxId).get(0);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return CloudEventHeaders.lastValue(record.headers(), name);
    }

    /** Waits until a poll of the mailbox ended at least two intervals (2 s) from now. */
    private void awaitTwoMorePolls(String mailboxId) {
        Instant after = Instant.now().plusSeconds(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(mailboxId).lastSuccessAt())
                .isNotNull().isAfter(after));
    }

    private List<StoredMessage> inbox() throws Exception {
        GreenMailUser owner = greenMail.getUserManager().getUserByEmail(user);
        return greenMail.getManagers().getImapHostManager().getInbox(owner).getMessages();
    }

    private static int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    private static int imapPort() {
        return greenMail.getImap().getPort();
    }

    private static int pop3Port() {
        return greenMail.getPop3().getPort();
    }
}
