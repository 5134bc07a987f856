package io.mailgw.model;

import java.util.List;

import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxType;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Moves mailboxes stored in the first, flat shape into the typed parts of {@link Mailbox}
 * ({@code server}, {@code inbound}, {@code outbound}) at start. One server-side {@code $rename}
 * per type, matching only documents still flat, so every service may run it at once and a second
 * run changes nothing.
 */
final class MailboxShapeMigration {

    private static final List<String> SERVER = List.of("host", "port", "trustedCertificatePem");
    private static final List<String> INBOUND = List.of("protocol", "folder", "pollIntervalSeconds", "afterRead",
            "moveToFolder", "startFrom");
    private static final List<String> OUTBOUND = List.of("fromAddress", "fromName", "security", "authRequired");

    private MailboxShapeMigration() {
    }

    /** @return how many mailboxes were moved */
    static long migrate(MongoOperations mongo) {
        return migrate(mongo, MailboxType.INBOUND, "inbound", INBOUND)
                + migrate(mongo, MailboxType.OUTBOUND, "outbound", OUTBOUND);
    }

    private static long migrate(MongoOperations mongo, MailboxType type, String part, List<String> fields) {
        Document renames = new Document();
        SERVER.forEach(field -> renames.append(field, "server." + field));
        fields.forEach(field -> renames.append(field, part + "." + field));
        Document flat = new Document("type", type.name()).append("host", new Document("$exists", true));
        return mongo.getCollection(Mailbox.COLLECTION).updateMany(flat, new Document("$rename", renames))
                .getModifiedCount();
    }
}
