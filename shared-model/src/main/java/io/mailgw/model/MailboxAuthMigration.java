package io.mailgw.model;

import io.mailgw.model.auth.PasswordLogin;
import io.mailgw.model.mailbox.Mailbox;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Moves the {@code password} of mailboxes stored before logins had a type of their own into
 * {@code auth}, as a password login. Matches only documents without {@code auth}, with one
 * server-side update per kind, so every service may run it at once and a second run changes nothing.
 */
final class MailboxAuthMigration {

    /** The type Spring Data reads the login back as. */
    static final String PASSWORD_LOGIN = PasswordLogin.class.getName();

    private MailboxAuthMigration() {
    }

    /** @return how many mailboxes were moved */
    static long migrate(MongoOperations mongo) {
        var mailboxes = mongo.getCollection(Mailbox.COLLECTION);
        Document noAuth = new Document("auth", new Document("$exists", false));
        long withPassword = mailboxes.updateMany(new Document(noAuth).append("password", new Document("$exists", true)),
                new Document("$rename", new Document("password", "auth.password"))
                        .append("$set", new Document("auth._class", PASSWORD_LOGIN))).getModifiedCount();
        long without = mailboxes.updateMany(noAuth,
                new Document("$set", new Document("auth", new Document("_class", PASSWORD_LOGIN)))).getModifiedCount();
        return withPassword + without;
    }
}
