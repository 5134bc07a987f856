package io.mailgw.model.oauth;

import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Updates;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.StoredSecrets;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The refresh token of a signed-in mailbox as MongoDB holds it now: read just before each
 * refresh, since another service may have rotated it, and replaced by a rotated one only while
 * it is still the one that was used (a new sign-in meanwhile wins).
 */
public class StoredRefreshTokens {

    private static final Logger log = LoggerFactory.getLogger(StoredRefreshTokens.class);
    private static final String PATH = StoredSecrets.ciphertextPath(SecretField.REFRESH_TOKEN);

    private final MongoOperations mongo;

    public StoredRefreshTokens(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** The stored refresh token of mailbox {@code id}; empty when the mailbox or its token is not stored. */
    Optional<EncryptedSecret> read(String id) {
        Document stored = mongo.getCollection(Mailbox.COLLECTION).find(Filters.eq("_id", id))
                .projection(Projections.include(PATH)).first();
        Object auth = stored == null ? null : stored.get("auth");
        Object token = auth instanceof Document document ? document.get("refreshToken") : null;
        Object ciphertext = token instanceof Document document ? document.get("ciphertext") : null;
        return ciphertext instanceof String text ? Optional.of(new EncryptedSecret(text)) : Optional.empty();
    }

    /** Replaces {@code used} by {@code rotated} if it is still stored; @return whether it was */
    boolean replace(String id, EncryptedSecret used, EncryptedSecret rotated) {
        long changed = mongo.getCollection(Mailbox.COLLECTION).updateOne(
                Filters.and(Filters.eq("_id", id), Filters.eq(PATH, used.ciphertext())),
                Updates.set(PATH, rotated.ciphertext())).getModifiedCount();
        if (changed == 0) {
            log.debug("The refresh token of mailbox {} changed meanwhile; the rotated one is not stored", id);
        }
        else {
            log.info("Stored the rotated refresh token of mailbox {}", id);
        }
        return changed > 0;
    }
}
