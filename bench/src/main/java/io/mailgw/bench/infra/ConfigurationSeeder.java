package io.mailgw.bench.infra;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.model.FieldViolation;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.AfterRead;
import io.mailgw.model.mailbox.InboundProtocol;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxType;
import io.mailgw.model.mailbox.MailboxValidator;
import io.mailgw.model.mailbox.SmtpSecurity;
import io.mailgw.model.mailbox.StartFrom;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;

/**
 * Writes the run's configuration straight into MongoDB with the shared-model documents, as the
 * config-service would store them: an outbox on smtp-sink linked to one contract and set as the
 * default, and inbound mailboxes on Dovecot. Every mailbox is validated first, so a run never
 * measures a configuration the API would refuse.
 */
public final class ConfigurationSeeder implements AutoCloseable {

    public static final String CONTRACT_ID = "bench";
    public static final String OUTBOX_ID = "bench-outbox";
    public static final String OUTBOX_FROM = "noreply@bench.example";

    private final MongoClient client;
    private final MailboxRepository mailboxes;
    private final ContractRepository contracts;
    private final SettingsRepository settings;
    private final SecretCipher cipher;

    public ConfigurationSeeder(String mongoUri, SecretCipher cipher) {
        ConnectionString connection = new ConnectionString(mongoUri);
        this.client = MongoClients.create(connection);
        MongoRepositoryFactory repositories = new MongoRepositoryFactory(
                new MongoTemplate(client, connection.getDatabase()));
        this.mailboxes = repositories.getRepository(MailboxRepository.class);
        this.contracts = repositories.getRepository(ContractRepository.class);
        this.settings = repositories.getRepository(SettingsRepository.class);
        this.cipher = cipher;
    }

    /**
     * The contract {@value #CONTRACT_ID} whose own outbox (also the default one) is plain SMTP
     * without AUTH at {@code host:port}, with the outbox's default lane ({@code maxConnections} unset: 4).
     */
    public void seedOutbox(String host, int port) {
        Instant now = Instant.now();
        Mailbox outbox = Mailbox.builder().id(OUTBOX_ID).name("Bench outbox on smtp-sink").type(MailboxType.OUTBOUND)
                .contractId(CONTRACT_ID).host(host).port(port).from(OUTBOX_FROM, "Bench")
                .security(SmtpSecurity.NONE).authRequired(false).createdAt(now).updatedAt(now).build();
        saveValid(List.of(outbox));
        contracts.save(new Contract(CONTRACT_ID, "Bench contract", OUTBOX_ID, now, now, null));
        Settings current = settings.findById(Settings.SINGLETON_ID).orElse(Settings.empty());
        settings.save(new Settings(Settings.SINGLETON_ID, OUTBOX_ID, now, current.version()));
    }

    /**
     * A plain IMAP mailbox on {@code host:port} (no TLS: {@code requireTls} off, loopback only),
     * read from its first message, left as it is after reading.
     *
     * @param intervalSeconds its {@code pollIntervalSeconds}
     */
    public Mailbox imapInbox(String id, String host, int port, String username, String password,
                             int intervalSeconds, StartFrom startFrom) {
        Instant now = Instant.now();
        return Mailbox.builder().id(id).name("Bench " + id).type(MailboxType.INBOUND).contractId(CONTRACT_ID)
                .host(host).port(port).username(username).password(cipher.encrypt(password, id))
                .protocol(InboundProtocol.IMAP).folder(Mailbox.DEFAULT_FOLDER).pollIntervalSeconds(intervalSeconds)
                .afterRead(AfterRead.NONE, null).startFrom(startFrom).requireTls(false)
                .createdAt(now).updatedAt(now).build();
    }

    /** Saves mailboxes in one batch, after checking each as the API would. */
    public void saveValid(List<Mailbox> batch) {
        for (Mailbox mailbox : batch) {
            List<FieldViolation> violations = MailboxValidator.validate(mailbox, Set.of(SecretField.PASSWORD));
            if (!violations.isEmpty()) {
                throw new IllegalStateException("Bench mailbox " + mailbox.id() + " is invalid: " + violations);
            }
        }
        mailboxes.saveAll(batch);
    }

    /** Removes every inbound mailbox, so that the next poller started sees only what the next run seeds. */
    public void removeInboxes() {
        mailboxes.deleteAll(mailboxes.findByType(MailboxType.INBOUND));
    }

    @Override
    public void close() {
        client.close();
    }
}
