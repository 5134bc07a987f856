package io.mailgw.model.secret;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * Seals stored secrets again under the current key with their mailbox's id as associated data:
 * at start every value of the first form ({@code v1:}), and on demand every value not sealed
 * under the current key yet (after {@code MAILGW_SECRET_KEY} was rotated and the old key moved to
 * {@code MAILGW_PREVIOUS_SECRET_KEY}). Each value is replaced only if it is still the one that was
 * read, so that every service may run this at once; a second run changes nothing. A value neither
 * key opens is left as it is and reported, never shown.
 */
public class SecretReEncryption {

    private static final Logger log = LoggerFactory.getLogger(SecretReEncryption.class);

    private final MongoOperations mongo;
    private final SecretCipher cipher;

    public SecretReEncryption(MongoOperations mongo, SecretCipher cipher) {
        this.mongo = mongo;
        this.cipher = cipher;
    }

    /** Values of the first form only: the migration every service runs at start. */
    public Report reEncryptLegacy() {
        return run(EncryptedSecret::isLegacy);
    }

    /** Every value not sealed under the current key: after a key rotation. */
    public Report reEncryptAll() {
        return run(secret -> !cipher.isCurrent(secret));
    }

    private Report run(Predicate<EncryptedSecret> due) {
        int reEncrypted = 0;
        int current = 0;
        List<Unreadable> unreadable = new ArrayList<>();
        for (Document mailbox : mongo.getCollection(Mailbox.COLLECTION).find()
                .projection(Projections.include("_id", "auth"))) {
            String id = String.valueOf(mailbox.get("_id"));
            for (SecretField field : SecretField.values()) {
                String ciphertext = ciphertextAt(mailbox, StoredSecrets.ciphertextPath(field));
                if (ciphertext == null) {
                    continue;
                }
                EncryptedSecret stored = new EncryptedSecret(ciphertext);
                if (!due.test(stored)) {
                    current++;
                    continue;
                }
                try {
                    reEncryptedOne(id, field, stored);
                    reEncrypted++;
                }
                catch (IllegalStateException ex) {
                    log.warn("The {} of mailbox {} cannot be re-encrypted: {}", field.jsonName(), id, ex.getMessage());
                    unreadable.add(new Unreadable(id, field.path(), ex.getMessage()));
                }
            }
        }
        return new Report(reEncrypted, current, unreadable);
    }

    private void reEncryptedOne(String id, SecretField field, EncryptedSecret stored) {
        String plaintext = stored.isLegacy() ? cipher.decryptLegacy(stored) : cipher.decrypt(stored, id);
        String path = StoredSecrets.ciphertextPath(field);
        mongo.getCollection(Mailbox.COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq(path, stored.ciphertext())),
                Updates.set(path, cipher.encrypt(plaintext, id).ciphertext()));
    }

    private static String ciphertextAt(Document document, String path) {
        Object value = document;
        for (String part : path.split("\\.")) {
            if (!(value instanceof Document nested)) {
                return null;
            }
            value = nested.get(part);
        }
        return value instanceof String text ? text : null;
    }

    /**
     * @param reEncrypted values sealed again (by this run; another service may have done some)
     * @param current     values already sealed as wanted
     * @param unreadable  values neither key opens, which an admin must set again
     */
    public record Report(int reEncrypted, int current, List<Unreadable> unreadable) {

        public Report {
            unreadable = List.copyOf(unreadable);
        }
    }

    /**
     * @param field the field's path in the mailbox JSON, such as {@code auth.clientSecret}
     * @param reason in plain words, never the value
     */
    public record Unreadable(String mailboxId, String field, String reason) {
    }
}
