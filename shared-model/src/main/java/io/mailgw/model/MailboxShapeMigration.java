package io.mailgw.model;

import java.util.List;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Moves mailboxes stored in the first, flat shape into the typed parts of {@link Mailbox}
 * ({@code server}, {@code inbound}, {@code outbound}) at start. One server-side {@code $rename}
 * per type, matching only documents still flat, so every service may run it at once and a second
 * run changes nothing.
 */
class MailboxShapeMigration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(MailboxShapeMigration.class);

    private static final List<String> SERVER = List.of("host", "port", "trustedCertificatePem");
    private static final List<String> INBOUND = List.of("protocol", "folder", "pollIntervalSeconds", "afterRead",
            "moveToFolder", "startFrom");
    private static final List<String> OUTBOUND = List.of("fromAddress", "fromName", "security", "authRequired");

    private final MongoOperations mongo;

    MailboxShapeMigration(MongoOperations mongo) {
        this.mongo = mongo;
    }

    @Override
    public void afterPropertiesSet() {
        long moved = migrate(MailboxType.INBOUND, "inbound", INBOUND) + migrate(MailboxType.OUTBOUND, "outbound", OUTBOUND);
        if (moved > 0) {
            log.info("Moved {} mailbox(es) from the flat shape into server, inbound and outbound parts", moved);
        }
    }

    private long migrate(MailboxType type, String part, List<String> fields) {
        Document renames = new Document();
        SERVER.forEach(field -> renames.append(field, "server." + field));
        fields.forEach(field -> renames.append(field, part + "." + field));
        Document flat = new Document("type", type.name()).append("host", new Document("$exists", true));
        return mongo.getCollection(Mailbox.COLLECTION).updateMany(flat, new Document("$rename", renames))
                .getModifiedCount();
    }
}
