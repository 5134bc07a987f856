package io.mailgw.localstack.demo;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.localstack.StackPart;
import io.mailgw.model.FieldViolation;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.mailbox.MailboxValidator;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.model.settings.SettingsRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.repository.support.MongoRepositoryFactory;

/**
 * Seeds the demo through the shared-model repositories, before the services start so that they
 * find it at once. Each document is written only when its id is absent, and the default outbox
 * is set only when none is: running it again, or after an admin changed the demo, changes nothing.
 */
public final class DemoSeeder implements StackPart {

    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);

    private final String mongoUri;
    private final SecretCipher cipher;
    private final DemoMailbox demoMailbox;
    private final DemoOAuth2 demoOAuth2;
    private final Clock clock;

    /**
     * @param mongoUri    the database to seed, such as {@code mongodb://127.0.0.1:27017/mailgw}
     * @param demoMailbox where the demo mail server is and the support user's password there
     */
    public DemoSeeder(String mongoUri, SecretCipher cipher, DemoMailbox demoMailbox, DemoOAuth2 demoOAuth2,
            Clock clock) {
        this.mongoUri = mongoUri;
        this.cipher = cipher;
        this.demoMailbox = demoMailbox;
        this.demoOAuth2 = demoOAuth2;
        this.clock = clock;
    }

    @Override
    public String description() {
        return "demo seed (contract " + DemoDocuments.CONTRACT_ID + ")";
    }

    @Override
    public void start() {
        ConnectionString connection = new ConnectionString(mongoUri);
        try (MongoClient client = MongoClients.create(connection)) {
            MongoRepositoryFactory repositories = new MongoRepositoryFactory(
                    new MongoTemplate(client, connection.getDatabase()));
            List<String> created = seed(repositories.getRepository(MailboxRepository.class),
                    repositories.getRepository(ContractRepository.class),
                    repositories.getRepository(SettingsRepository.class));
            if (created.isEmpty()) {
                log.info("Demo already present in {}; nothing seeded", connection.getDatabase());
            }
            else {
                log.info("Seeded demo: {}", String.join(", ", created));
            }
        }
    }

    private List<String> seed(MailboxRepository mailboxes, ContractRepository contracts, SettingsRepository settings) {
        DemoDocuments demo = new DemoDocuments(demoMailbox.host(), demoMailbox.smtpPort(), demoMailbox.imapPort(),
                demoMailbox.domain(), clock.instant());
        List<String> created = new ArrayList<>();
        saveIfAbsent(mailboxes, demo.defaultOutbox(), created);
        saveIfAbsent(mailboxes, demo.contractOutbox(), created);
        saveIfAbsent(mailboxes, demo.supportInbox(cipher.encrypt(demoMailbox.password(), DemoDocuments.SUPPORT_INBOX_ID)),
                created);
        if (!contracts.existsById(DemoDocuments.CONTRACT_ID)) {
            contracts.save(demo.contract());
            created.add("contract " + DemoDocuments.CONTRACT_ID);
        }
        saveIfAbsent(mailboxes, demo.oauth2Inbox(demoOAuth2, clientSecret(DemoDocuments.OAUTH2_INBOX_ID)), created);
        saveIfAbsent(mailboxes, demo.oauth2Outbox(demoOAuth2, clientSecret(DemoDocuments.OAUTH2_OUTBOX_ID)), created);
        if (!contracts.existsById(DemoDocuments.OAUTH2_CONTRACT_ID)) {
            contracts.save(demo.oauth2Contract());
            created.add("contract " + DemoDocuments.OAUTH2_CONTRACT_ID);
        }
        Settings current = settings.current();
        if (current.defaultOutboxId() == null) {
            settings.save(new Settings(Settings.SINGLETON_ID, DemoDocuments.DEFAULT_OUTBOX_ID, clock.instant(),
                    current.version()));
            created.add("settings.defaultOutboxId " + DemoDocuments.DEFAULT_OUTBOX_ID);
        }
        return created;
    }

    private EncryptedSecret clientSecret(String mailboxId) {
        return cipher.encrypt(demoOAuth2.clientSecret(), mailboxId);
    }

    private static void saveIfAbsent(MailboxRepository mailboxes, Mailbox mailbox, List<String> created) {
        if (mailboxes.existsById(mailbox.id())) {
            return;
        }
        List<FieldViolation> violations = MailboxValidator.validate(mailbox, Set.of());
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Demo mailbox " + mailbox.id() + " is invalid: " + violations);
        }
        mailboxes.save(mailbox);
        created.add("mailbox " + mailbox.id() + " (" + mailbox.describe() + ")");
    }
}
