package io.mailgw.inbound;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Random;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.gridfs.model.GridFSFile;
import io.mailgw.events.MailReceived;
import io.mailgw.events.MailReceived.Attachment;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;

import jakarta.activation.DataHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A 50 MB message read by a poller with a heap of 256 MB (its own JVM, which exits on an
 * OutOfMemoryError): streamed from the server in chunks into a spool file, into GridFS, and parsed
 * from the file, its 37 MB attachment streamed into GridFS with its SHA-256.
 */
class LargeMessageIntegrationTests {

    private static final String DATABASE = "inbound-large";
    private static final String ID = "mbx-large";
    private static final String USER = "large@xpto.example";
    private static final String PASSWORD = "large-Pa55word";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    @Test
    void aFiftyMegabyteMessageIsPublishedByAPollerWithA256MegabyteHeap() throws Exception {
        byte[] attachment = new byte[37 * 1024 * 1024];
        new Random(50).nextBytes(attachment);
        MimeMessage message = message(attachment);
        ByteArrayOutputStream raw = new ByteArrayOutputStream(52 * 1024 * 1024);
        message.writeTo(raw);
        assertThat(raw.size()).isGreaterThan(50 * 1024 * 1024);
        GreenMailUser user = greenMail.setUser(USER, USER, PASSWORD);
        user.deliver(message);

        try (MongoClient client = MongoClients.create(TestInfrastructure.mongoUri(DATABASE));
             PollerProcess poller = PollerProcess.start("large-message-poller", DATABASE,
                     List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"),
                     List.of("--mailgw.inbound.tick=200ms", "--mailgw.inbound.refresh=500ms",
                             "--mailgw.inbound.lease-period=3s", "--mailgw.inbound.min-poll-interval=1s",
                             "--mailgw.inbound.spool-dir=target/large-message-spool"))) {
            MongoTemplate mongo = new MongoTemplate(client, DATABASE);
            mongo.save(TestMailboxes.imapInbox(ID, greenMail.getImap().getPort(), USER, PASSWORD));
            InboundTopic topic = InboundTopic.whenCreated(Duration.ofMinutes(3));

            await().atMost(Duration.ofMinutes(5)).until(() -> !topic.eventsOf(ID).isEmpty() || !poller.isAlive());

            assertThat(poller.isAlive()).as("the poller did not run out of memory (exit %s)", poller.exitCode()).isTrue();
            MailReceived event = topic.eventsOf(ID).get(0);
            topic.close();
            assertThat(event.sizeBytes()).isEqualTo(raw.size());
            assertThat(event.subject()).isEqualTo("Cincuenta megas");
            assertThat(event.text()).isEqualTo("Adjunto el volcado.");
            assertThat(event.attachments()).as("parseError: %s", event.parseError()).hasSize(1);
            Attachment dump = event.attachments().get(0);
            assertThat(dump.size()).isEqualTo(attachment.length);
            assertThat(dump.sha256()).isEqualTo(sha256(attachment));
            GridFsTemplate gridFs = new GridFsTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter());
            assertThat(file(gridFs, event.rawBlobId()).getLength()).isEqualTo(raw.size());
            assertThat(sha256(gridFs, file(gridFs, dump.blobId()))).isEqualTo(sha256(attachment));
            assertThat(Files.readString(Path.of("target", "large-message-poller.log"))).doesNotContain("OutOfMemoryError");
        }
    }

    private static MimeMessage message(byte[] attachment) throws Exception {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        message.setFrom("ana@cliente.example");
        message.setRecipients(MimeMessage.RecipientType.TO, USER);
        message.setSubject("Cincuenta megas");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("Adjunto el volcado.", "UTF-8");
        MimeBodyPart dump = new MimeBodyPart();
        dump.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/octet-stream")));
        dump.setFileName("volcado.bin");
        MimeMultipart mixed = new MimeMultipart();
        mixed.addBodyPart(text);
        mixed.addBodyPart(dump);
        message.setContent(mixed);
        message.saveChanges();
        return message;
    }

    private static GridFSFile file(GridFsTemplate gridFs, String id) {
        return gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id))));
    }

    private static String sha256(GridFsTemplate gridFs, GridFSFile file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = gridFs.getResource(file).getInputStream()) {
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }
}
