package io.mailgw.model;

import io.mailgw.model.secret.SecretReEncryption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Brings stored mailboxes to today's shape at start, in order: the first flat shape into typed
 * parts ({@link MailboxShapeMigration}), a bare {@code password} into {@code auth}
 * ({@link MailboxAuthMigration}), then secrets of the first form sealed again with their mailbox
 * as associated data ({@link SecretReEncryption}). Each step is idempotent and safe to run in
 * every service at once.
 */
class ModelMigrations implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(ModelMigrations.class);

    private final MongoOperations mongo;
    private final SecretReEncryption secrets;

    ModelMigrations(MongoOperations mongo, SecretReEncryption secrets) {
        this.mongo = mongo;
        this.secrets = secrets;
    }

    @Override
    public void afterPropertiesSet() {
        long reshaped = MailboxShapeMigration.migrate(mongo);
        if (reshaped > 0) {
            log.info("Moved {} mailbox(es) from the flat shape into server, inbound and outbound parts", reshaped);
        }
        long logins = MailboxAuthMigration.migrate(mongo);
        if (logins > 0) {
            log.info("Moved the password of {} mailbox(es) into its login (auth)", logins);
        }
        SecretReEncryption.Report report = secrets.reEncryptLegacy();
        if (report.reEncrypted() > 0 || !report.unreadable().isEmpty()) {
            log.info("Sealed {} stored secret(s) again with their mailbox as associated data; {} cannot be read "
                    + "under the configured keys and must be set again", report.reEncrypted(), report.unreadable().size());
        }
    }
}
