package io.mailgw.config.mailbox;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code auth} of the mailbox JSON (CONTRACT §4): OAuth2 grants with write-only secrets, stored
 * encrypted for their mailbox, and a stored secret that never follows a change of its server.
 */
class MailboxOAuth2ApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String MAILBOXES = "/api/v1/mailboxes";
    private static final String CLIENT_SECRET = "Entra-app-s3cret~value";
    private static final String REFRESH_TOKEN = "1.AQ-refresh-token-of-ana";

    @Autowired
    MongoOperations mongo;
    @Autowired
    SecretCipher cipher;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-oauth2-api");
    }

    @Test
    void createsAnAppOnlyMicrosoftMailboxWhoseSecretIsWriteOnlyAndBoundToIt() {
        Response created = admin.post(MAILBOXES, microsoftInbox("mbx-o365-in", "\"clientSecret\": \"" + CLIENT_SECRET + "\""));

        assertThat(created.status()).isEqualTo(201);
        JsonNode auth = created.json().path("auth");
        assertThat(auth.path("method").asString()).isEqualTo("OAUTH2");
        assertThat(auth.path("provider").asString()).isEqualTo("MICROSOFT");
        assertThat(auth.path("grant").asString()).isEqualTo("CLIENT_CREDENTIALS");
        assertThat(auth.path("tenantId").asString()).isEqualTo("contoso.onmicrosoft.com");
        assertThat(auth.path("clientSecretSet").asBoolean()).isTrue();
        assertThat(auth.has("tokenUri")).isTrue();
        assertThat(auth.path("tokenUri").isNull()).isTrue();
        assertThat(created.json().path("passwordSet").asBoolean()).isFalse();
        assertThat(admin.bodies()).allSatisfy(body -> assertThat(body).doesNotContain(CLIENT_SECRET));
        Document stored = stored("mbx-o365-in");
        assertThat(stored.toJson()).doesNotContain(CLIENT_SECRET);
        assertThat(TestMailboxes.storedSecret(stored, SecretField.CLIENT_SECRET, cipher)).isEqualTo(CLIENT_SECRET);
    }

    @Test
    void aDelegatedMailboxGivenARefreshTokenSaysSinceWhenButNeverTheToken() {
        Response created = admin.post(MAILBOXES, """
                {"id": "mbx-gmail-out", "name": "Gmail", "type": "OUTBOUND", "host": "smtp.gmail.com", "port": 587,
                 "username": "soporte@xpto.example", "fromAddress": "soporte@xpto.example", "security": "STARTTLS",
                 "auth": {"method": "OAUTH2", "provider": "GOOGLE", "grant": "REFRESH_TOKEN",
                          "clientId": "123-abc.apps.googleusercontent.com", "clientSecret": "%s",
                          "refreshToken": "%s"}}
                """.formatted(CLIENT_SECRET, REFRESH_TOKEN));

        assertThat(created.status()).isEqualTo(201);
        JsonNode auth = created.json().path("auth");
        assertThat(auth.path("refreshTokenSet").asBoolean()).isTrue();
        assertThat(auth.path("connectedAt").isNull()).isFalse();
        assertThat(created.body()).doesNotContain(REFRESH_TOKEN).doesNotContain(CLIENT_SECRET);
        assertThat(TestMailboxes.storedSecret(stored("mbx-gmail-out"), SecretField.REFRESH_TOKEN, cipher))
                .isEqualTo(REFRESH_TOKEN);
    }

    @Test
    void refusesAPutThatWouldSendAStoredSecretToAnotherServerNamingTheField() {
        admin.post(MAILBOXES, microsoftInbox("mbx-moving", "\"clientSecret\": \"" + CLIENT_SECRET + "\""));

        Response otherHost = admin.put(MAILBOXES + "/mbx-moving", microsoftInbox("mbx-moving", "")
                .replace("outlook.office365.com", "imap.attacker.example"));
        Response otherTenant = admin.put(MAILBOXES + "/mbx-moving", microsoftInbox("mbx-moving", "")
                .replace("contoso.onmicrosoft.com", "fabrikam.onmicrosoft.com"));
        Response otherEndpoint = admin.put(MAILBOXES + "/mbx-moving", microsoftInbox("mbx-moving",
                "\"tokenUri\": \"https://login.attacker.example/token\""));
        Response again = admin.put(MAILBOXES + "/mbx-moving", microsoftInbox("mbx-moving",
                "\"clientSecret\": \"" + CLIENT_SECRET + "-2\"").replace("outlook.office365.com", "imap.xpto.example"));

        assertThat(otherHost.status()).isEqualTo(400);
        assertThat(otherHost.errorFields()).containsExactly("host");
        assertThat(otherHost.errorMessage("host")).contains("only sent to the server it was saved for")
                .contains("auth.clientSecret");
        assertThat(otherTenant.errorFields()).containsExactly("auth.tenantId");
        assertThat(otherEndpoint.errorFields()).containsExactly("auth.tokenUri");
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("host").asString()).isEqualTo("imap.xpto.example");
        assertThat(TestMailboxes.storedSecret(stored("mbx-moving"), SecretField.CLIENT_SECRET, cipher))
                .isEqualTo(CLIENT_SECRET + "-2");
    }

    @Test
    void refusesAPutThatWouldSendAStoredPasswordToAnotherPortOrSecurity() {
        admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-pw-moving"));
        String withoutPassword = TestMailboxes.smtpOutbox("mbx-pw-moving")
                .replace("\"password\": \"" + TestMailboxes.PASSWORD + "\",", "");

        Response otherPort = admin.put(MAILBOXES + "/mbx-pw-moving", withoutPassword.replace("587", "2525"));
        Response otherSecurity = admin.put(MAILBOXES + "/mbx-pw-moving", withoutPassword.replace("STARTTLS", "NONE"));
        Response sameServer = admin.put(MAILBOXES + "/mbx-pw-moving", withoutPassword.replace("Soporte XPTO\"",
                "Soporte XPTO renombrado\""));

        assertThat(otherPort.status()).isEqualTo(400);
        assertThat(otherPort.errorFields()).containsExactly("port");
        assertThat(otherSecurity.errorFields()).containsExactly("security");
        assertThat(sameServer.status()).isEqualTo(200);
        assertThat(sameServer.json().path("passwordSet").asBoolean()).isTrue();
    }

    @Test
    void aClientMaySendBackWhatItReadAndTheSecretsStay() {
        admin.post(MAILBOXES, microsoftInbox("mbx-roundtrip", "\"clientSecret\": \"" + CLIENT_SECRET + "\""));
        String read = admin.get(MAILBOXES + "/mbx-roundtrip").body();

        Response replaced = admin.put(MAILBOXES + "/mbx-roundtrip", read);

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("auth").path("clientSecretSet").asBoolean()).isTrue();
        assertThat(TestMailboxes.storedSecret(stored("mbx-roundtrip"), SecretField.CLIENT_SECRET, cipher))
                .isEqualTo(CLIENT_SECRET);
    }

    @Test
    void namesAPasswordOrASecretThatTheLoginDoesNotUse() {
        Response response = admin.post(MAILBOXES, microsoftInbox("mbx-mixed", "\"clientSecret\": \"x\", "
                + "\"refreshToken\": \"" + REFRESH_TOKEN + "\"").replace("\"username\"", "\"password\": \"p\", \"username\""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("password", "auth.refreshToken");
        assertThat(response.body()).doesNotContain(REFRESH_TOKEN);
    }

    @Test
    void theAuditNamesTheSecretsGivenAndTheExportCarriesNone() {
        admin.post(MAILBOXES, microsoftInbox("mbx-audited-o365", "\"clientSecret\": \"" + CLIENT_SECRET + "\""));

        JsonNode entry = admin.get("/api/v1/audit").json().path("content").get(0);
        String export = admin.get("/api/v1/export").body();

        assertThat(entry.path("fields").toString()).contains("auth.clientSecret", "auth.clientId")
                .doesNotContain("clientSecretSet");
        assertThat(entry.toString()).doesNotContain(CLIENT_SECRET);
        assertThat(export).contains("mbx-audited-o365").contains("\"clientSecretSet\":true")
                .doesNotContain(CLIENT_SECRET).doesNotContain("ciphertext");
    }

    private Document stored(String id) {
        return mongo.getCollection("mailboxes").find(new Document("_id", id)).first();
    }

    private static String microsoftInbox(String id, String extraAuth) {
        return """
                {"id": "%s", "name": "Soporte (Microsoft 365)", "type": "INBOUND", "host": "outlook.office365.com",
                 "port": 993, "username": "soporte@xpto.example", "protocol": "IMAPS",
                 "auth": {"method": "OAUTH2", "provider": "MICROSOFT", "grant": "CLIENT_CREDENTIALS",
                          "tenantId": "contoso.onmicrosoft.com", "clientId": "0b7c-client"%s}}
                """.formatted(id, extraAuth.isEmpty() ? "" : ", " + extraAuth);
    }
}
