package io.mailgw.config.secret;

import java.time.Instant;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.secret.EncryptedSecret;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rotation of {@code MAILGW_SECRET_KEY}: the service runs with a new key and the test key as the
 * previous one, reads what the old key sealed, and {@code POST /api/v1/secrets/re-encrypt} seals it
 * all again under the new key.
 */
class SecretKeyIntegrationTests extends AbstractApiIntegrationTests {

    private static final String NEW_KEY = SecretCipher.newBase64Key();
    private static final SecretCipher OLD = SecretCipher.fromBase64Key(TestInfrastructure.TEST_SECRET_KEY);

    @Autowired
    SecretCipher cipher;
    @Autowired
    MongoOperations mongo;
    @Autowired
    PasswordEncoder passwordEncoder;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-secret-key");
        registry.add("mailgw.secret-key", () -> NEW_KEY);
        registry.add("mailgw.previous-secret-key", () -> TestInfrastructure.TEST_SECRET_KEY);
    }

    @Test
    void reEncryptsWhatThePreviousKeySealedUnderTheNewOneAndSaysSo() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-rotated"));
        mongo.getCollection("mailboxes").updateOne(new Document("_id", "mbx-rotated"), new Document("$set",
                new Document("auth.password.ciphertext", OLD.encrypt(TestMailboxes.PASSWORD, "mbx-rotated").ciphertext())));
        assertThat(storedPassword().keyId()).isEqualTo(OLD.currentKeyId());

        Response response = admin.post("/api/v1/secrets/re-encrypt", "");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("keyId").asString()).isEqualTo(cipher.currentKeyId());
        assertThat(response.json().path("reEncrypted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(response.json().path("unreadable")).isEmpty();
        assertThat(response.body()).doesNotContain(TestMailboxes.PASSWORD);
        assertThat(storedPassword().keyId()).isEqualTo(cipher.currentKeyId()).isNotEqualTo(OLD.currentKeyId());
        assertThat(cipher.decrypt(storedPassword(), "mbx-rotated")).isEqualTo(TestMailboxes.PASSWORD);
        assertThat(admin.post("/api/v1/secrets/re-encrypt", "").json().path("reEncrypted").asInt()).isZero();
        assertThat(admin.get("/api/v1/audit").json().path("content").get(0).path("target").path("kind").asString())
                .isEqualTo("SECRETS");
    }

    @Test
    void onlyAnAdminMayReEncrypt() {
        mongo.save(new ApiUser("viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER), true,
                Instant.now()));

        assertThat(ApiClient.as(port, "viewer", "viewer-pass").post("/api/v1/secrets/re-encrypt", "").status())
                .isEqualTo(403);
    }

    private EncryptedSecret storedPassword() {
        Document stored = mongo.getCollection("mailboxes").find(new Document("_id", "mbx-rotated")).first();
        return new EncryptedSecret(TestMailboxes.storedCiphertext(stored, SecretField.PASSWORD));
    }
}
