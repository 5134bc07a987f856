package io.mailgw.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.InboundSettings;
import io.mailgw.model.mailbox.MailServer;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.OutboundSettings;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.auth.PasswordLogin;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.secret.SecretReEncryption;
import io.mailgw.model.secret.StoredSecrets;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatus;
import io.mailgw.model.status.MailboxStatusRecorder;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static io.mailgw.model.secret.LegacySecrets.legacy;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The documents, repositories and recorder against the MongoDB wire server over a socket. */
@SpringBootTest(classes = SharedModelIntegrationTests.App.class)
class SharedModelIntegrationTests {

    private static final MongoServer MONGO = new MongoServer(new MemoryBackend());
    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Autowired
    MailboxRepository mailboxes;
    @Autowired
    ContractRepository contracts;
    @Autowired
    SettingsRepository settings;
    @Autowired
    MailboxStatusRecorder statusRecorder;
    @Autowired
    SecretCipher cipher;
    @Autowired
    SecretReEncryption reEncryption;
    @Autowired
    MongoOperations mongo;
    @Autowired
    @Qualifier("mongoHealthIndicator")
    HealthIndicator mongoHealth;

    @DynamicPropertySource
    static void mongo(DynamicPropertyRegistry registry) {
        registry.add("spring.mongodb.uri", () -> "mongodb://" + hostPort() + "/shared-model-tests");
        registry.add("mailgw.secret-key", () -> KEY);
    }

    @AfterAll
    static void stop() {
        MONGO.shutdownNow();
    }

    @Test
    void storesTheMailboxWithItsPasswordEncryptedOnly() {
        Mailbox outbox = Mailbox.builder().id("mbx-out").name("Out").type(MailboxType.OUTBOUND).host("smtp.x.example")
                .port(587).username("u").password(cipher.encrypt("pa55word", "mbx-out")).from("noreply@x.example", null)
                .security(SmtpSecurity.STARTTLS).authRequired(true).build();

        mailboxes.save(outbox);

        Document raw = mongo.getCollection(Mailbox.COLLECTION).find(new Document("_id", "mbx-out")).first();
        assertThat(raw.toJson()).doesNotContain("pa55word");
        Mailbox read = mailboxes.findById("mbx-out").orElseThrow();
        assertThat(cipher.decrypt(((PasswordLogin) read.auth()).password(), "mbx-out")).isEqualTo("pa55word");
        assertThat(mailboxes.findByTypeAndEnabledTrue(MailboxType.OUTBOUND)).extracting(Mailbox::id).contains("mbx-out");
    }

    @Test
    void readsAMailboxStoredInTheFirstFlatShapeAfterTheMigrationAtStart() {
        mongo.getCollection(Mailbox.COLLECTION).insertOne(new Document("_id", "mbx-flat").append("name", "Flat")
                .append("type", "INBOUND").append("enabled", true).append("host", "imap.x.example").append("port", 993)
                .append("username", "u").append("protocol", "IMAPS").append("folder", "Tickets")
                .append("pollIntervalSeconds", 30).append("afterRead", "MOVE").append("moveToFolder", "Done")
                .append("startFrom", "ALL"));
        mongo.getCollection(Mailbox.COLLECTION).insertOne(new Document("_id", "mbx-flat-out").append("name", "Out")
                .append("type", "OUTBOUND").append("enabled", true).append("host", "smtp.x.example").append("port", 465)
                .append("fromAddress", "noreply@x.example").append("security", "SSL").append("authRequired", false));

        migrations().afterPropertiesSet();
        migrations().afterPropertiesSet();

        Mailbox in = mailboxes.findById("mbx-flat").orElseThrow();
        assertThat(in.server()).isEqualTo(new MailServer("imap.x.example", 993, null));
        assertThat(in.inbound()).isEqualTo(new InboundSettings(InboundProtocol.IMAPS, "Tickets", 30, AfterRead.MOVE,
                "Done", StartFrom.ALL, null, null));
        Mailbox out = mailboxes.findById("mbx-flat-out").orElseThrow();
        assertThat(out.server().port()).isEqualTo(465);
        assertThat(out.outbound()).isEqualTo(new OutboundSettings("noreply@x.example", null, SmtpSecurity.SSL, false,
                null, null));
        Document raw = mongo.getCollection(Mailbox.COLLECTION).find(new Document("_id", "mbx-flat")).first();
        assertThat(raw).doesNotContainKeys("host", "protocol").containsKeys("server", "inbound");
    }

    @Test
    void movesAStoredPasswordIntoTheLoginAndBindsItToItsMailboxAtStart() throws Exception {
        EncryptedSecret firstForm = legacy("pa55-old", KEY);
        mongo.getCollection(Mailbox.COLLECTION).insertOne(new Document("_id", "mbx-v1").append("name", "Old")
                .append("type", "INBOUND").append("enabled", true).append("host", "imap.x.example").append("port", 993)
                .append("username", "u").append("password", new Document("ciphertext", firstForm.ciphertext()))
                .append("protocol", "IMAPS"));
        mongo.getCollection(Mailbox.COLLECTION).insertOne(new Document("_id", "mbx-relay").append("name", "Relay")
                .append("type", "OUTBOUND").append("enabled", true).append("server", new Document("host", "relay.x.example"))
                .append("outbound", new Document("fromAddress", "noreply@x.example").append("authRequired", false)));

        migrations().afterPropertiesSet();
        Document once = raw("mbx-v1");
        migrations().afterPropertiesSet();

        assertThat(raw("mbx-v1")).isEqualTo(once).doesNotContainKey("password");
        EncryptedSecret stored = ((PasswordLogin) mailboxes.findById("mbx-v1").orElseThrow().auth()).password();
        assertThat(stored.isLegacy()).isFalse();
        assertThat(cipher.decrypt(stored, "mbx-v1")).isEqualTo("pa55-old");
        assertThatThrownBy(() -> cipher.decrypt(stored, "mbx-relay")).isInstanceOf(IllegalStateException.class);
        assertThat(mailboxes.findById("mbx-relay").orElseThrow().auth()).isEqualTo(new PasswordLogin(null));
    }

    @Test
    void reEncryptsEverySecretUnderTheNewKeyAfterARotationAndReportsWhatNoKeyOpens() {
        String oldKey = SecretCipher.newBase64Key();
        SecretCipher before = SecretCipher.fromBase64Key(oldKey);
        SecretCipher after = SecretCipher.fromBase64Keys(KEY, oldKey);
        mailboxes.save(Mailbox.builder().id("mbx-rot").name("Rot").type(MailboxType.INBOUND).host("imap.x.example")
                .username("u").protocol(InboundProtocol.IMAPS).password(before.encrypt("rotate-me", "mbx-rot")).build());
        mailboxes.save(Mailbox.builder().id("mbx-lost").name("Lost").type(MailboxType.INBOUND).host("imap.x.example")
                .username("u").protocol(InboundProtocol.IMAPS)
                .password(SecretCipher.fromBase64Key(SecretCipher.newBase64Key()).encrypt("x", "mbx-lost")).build());

        SecretReEncryption.Report report = new SecretReEncryption(mongo, after).reEncryptAll();
        SecretReEncryption.Report again = new SecretReEncryption(mongo, after).reEncryptAll();

        assertThat(report.reEncrypted()).isGreaterThanOrEqualTo(1);
        assertThat(report.unreadable()).extracting(SecretReEncryption.Unreadable::mailboxId,
                SecretReEncryption.Unreadable::field).contains(tuple("mbx-lost", "password"));
        assertThat(again.reEncrypted()).isZero();
        EncryptedSecret stored = new EncryptedSecret(raw("mbx-rot").getEmbedded(
                List.of(StoredSecrets.ciphertextPath(SecretField.PASSWORD).split("\\.")), String.class));
        assertThat(after.isCurrent(stored)).isTrue();
        assertThat(cipher.decrypt(stored, "mbx-rot")).isEqualTo("rotate-me");
    }

    @Test
    void refusesAStaleWrite() {
        contracts.save(new Contract("xpto", "XPTO", null, null, null, null));
        Contract first = contracts.findById("xpto").orElseThrow();
        contracts.save(new Contract("xpto", "XPTO 2", null, null, null, first.version()));

        assertThatThrownBy(() -> contracts.save(new Contract("xpto", "XPTO 3", null, null, null, first.version())))
                .isInstanceOf(OptimisticLockingFailureException.class);
    }

    @Test
    void startsWithEmptySettings() {
        assertThat(settings.current().defaultOutboxId()).isNull();

        settings.save(new Settings(Settings.SINGLETON_ID, "mbx-out", null, null));

        assertThat(settings.current().defaultOutboxId()).isEqualTo("mbx-out");
    }

    @Test
    void countsSuccessesAndFailuresOfAMailbox() {
        statusRecorder.success("mbx-s", 2);
        statusRecorder.failure("mbx-s", MailboxState.AUTH_FAILED, "authentication rejected");
        statusRecorder.success("mbx-s", 3);

        MailboxStatus status = statusRecorder.read("mbx-s");
        assertThat(status.state()).isEqualTo(MailboxState.OK);
        assertThat(status.messages()).isEqualTo(5);
        assertThat(status.failures()).isEqualTo(1);
        assertThat(status.lastError()).isEqualTo("authentication rejected");
        assertThat(statusRecorder.read("never-used").state()).isNull();
    }

    @Test
    void keepsTheTimeOfTheNextTryAfterAFailureAndTheNextPollAfterASuccess() {
        Instant retry = statusRecorder.failure("mbx-next", MailboxState.UNREACHABLE, "connection refused",
                Duration.ofMinutes(5));
        MailboxStatus failed = statusRecorder.read("mbx-next");
        assertThat(failed.nextAttemptAt()).isEqualTo(retry);
        assertThat(Duration.between(failed.lastErrorAt(), failed.nextAttemptAt())).isEqualTo(Duration.ofMinutes(5));

        statusRecorder.success("mbx-next", 1, null);

        MailboxStatus status = statusRecorder.read("mbx-next");
        assertThat(status.state()).isEqualTo(MailboxState.OK);
        assertThat(status.nextAttemptAt()).as("waits for IDLE news").isNull();
        assertThat(status.lastError()).as("the last error stays for the record").isEqualTo("connection refused");
    }

    @Test
    void reportsMongoHealthByPingWhichTheWireServerAnswers() {
        assertThat(mongoHealth.health().getStatus()).isEqualTo(Status.UP);
    }

    private ModelMigrations migrations() {
        return new ModelMigrations(mongo, reEncryption);
    }

    private Document raw(String id) {
        return mongo.getCollection(Mailbox.COLLECTION).find(new Document("_id", id)).first();
    }

    private static synchronized String hostPort() {
        if (MONGO.getLocalAddress() == null) {
            MONGO.bind("127.0.0.1", 0);
        }
        return "127.0.0.1:" + MONGO.getLocalAddress().getPort();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
