package io.mailgw.config.mailbox;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.TestMailboxes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** The password is write-only: encrypted in MongoDB, kept when a replace leaves it out, in no response. */
class MailboxPasswordIntegrationTests extends AbstractApiIntegrationTests {

    private static final String MAILBOXES = "/api/v1/mailboxes";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-mailbox-password");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    SecretCipher cipher;

    @Test
    void noResponseCarriesThePasswordAndMongoHoldsItEncryptedOnly() {
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-secret", null));
        admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-secret-out").replace("\"type\"",
                "\"contractId\": \"ctr-secret\", \"type\""));
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-secret-in"));
        admin.get(MAILBOXES);
        admin.get(MAILBOXES + "?type=OUTBOUND&contractId=ctr-secret");
        admin.get(MAILBOXES + "/mbx-secret-out");
        admin.get(MAILBOXES + "/mbx-secret-out/status");
        admin.put(MAILBOXES + "/mbx-secret-out", TestMailboxes.smtpOutbox("mbx-secret-out"));
        admin.put(MAILBOXES + "/mbx-secret-in", TestMailboxes.imapsInbox("mbx-secret-in").replace("993", "99999"));
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-secret-in"));
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-secret-bad").replace("\"folder\": \"INBOX\",",
                "\"folder\": \"INBOX\" \"x\": 1,"));
        admin.put("/api/v1/contracts/ctr-secret", TestMailboxes.contract("ctr-secret", "mbx-secret-out"));
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": \"mbx-secret-out\"}");
        admin.delete(MAILBOXES + "/mbx-secret-out");
        admin.get("/api/v1/contracts");
        admin.get("/api/v1/settings");

        Document stored = mongo.getCollection("mailboxes").find(new Document("_id", "mbx-secret-out")).first();
        String ciphertext = TestMailboxes.storedCiphertext(stored, SecretField.PASSWORD);
        assertThat(admin.bodies()).hasSize(16).allSatisfy(body -> assertThat(body)
                .doesNotContain(PASSWORD).doesNotContain(ciphertext).doesNotContain("ciphertext"));
        assertThat(stored.toJson()).doesNotContain(PASSWORD);
        assertThat(TestMailboxes.storedSecret(stored, SecretField.PASSWORD, cipher)).isEqualTo(PASSWORD);
    }

    @Test
    void replaceWithoutPasswordKeepsTheStoredOne() {
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-keep"));
        String withoutPassword = TestMailboxes.imapsInbox("mbx-keep")
                .replace("\"password\": \"" + PASSWORD + "\",", "").replace("60", "120");

        Response replaced = admin.put(MAILBOXES + "/mbx-keep", withoutPassword);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("pollIntervalSeconds").asInt()).isEqualTo(120);
        assertThat(replaced.json().path("passwordSet").asBoolean()).isTrue();
        assertThat(storedPassword("mbx-keep")).isEqualTo(PASSWORD);
        admin.put(MAILBOXES + "/mbx-keep", TestMailboxes.imapsInbox("mbx-keep").replace(PASSWORD, "new-one"));
        assertThat(storedPassword("mbx-keep")).isEqualTo("new-one");
    }

    @Test
    void replaceSendsBackWhatWasReadAndKeepsCreationTime() {
        Response created = admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-roundtrip"));
        String readBack = admin.get(MAILBOXES + "/mbx-roundtrip").body().replace("Soporte XPTO (salida)", "Renamed");

        Response replaced = admin.put(MAILBOXES + "/mbx-roundtrip", readBack);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("name").asString()).isEqualTo("Renamed");
        assertThat(replaced.json().path("createdAt")).isEqualTo(created.json().path("createdAt"));
        assertThat(storedPassword("mbx-roundtrip")).isEqualTo(PASSWORD);
    }

    @Test
    void outboxWithoutAuthNeedsNoCredentialsAndSaysNoPasswordIsSet() {
        Response created = admin.post(MAILBOXES, """
                {"id": "mbx-relay", "name": "Relay", "type": "OUTBOUND", "host": "relay.xpto.example", "port": 25,
                 "fromAddress": "noreply@xpto.example", "security": "NONE", "authRequired": false}
                """);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("passwordSet").asBoolean()).isFalse();
        assertThat(created.json().path("username").isNull()).isTrue();
    }

    private String storedPassword(String id) {
        Document stored = mongo.getCollection("mailboxes").find(new Document("_id", id)).first();
        return TestMailboxes.storedSecret(stored, SecretField.PASSWORD, cipher);
    }
}
