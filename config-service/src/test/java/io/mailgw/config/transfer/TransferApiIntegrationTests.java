package io.mailgw.config.transfer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.model.contract.Contract;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.settings.Settings;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.TestMailboxes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/export} and {@code /api/v1/import} over HTTP, against the MongoDB wire server. */
class TransferApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String EXPORT = "/api/v1/export";
    private static final String IMPORT = "/api/v1/import";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-transfer");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    SecretCipher cipher;

    @Autowired
    PasswordEncoder passwordEncoder;

    @BeforeEach
    void emptyConfiguration() {
        mongo.remove(new Query(), Mailbox.class);
        mongo.remove(new Query(), Contract.class);
        mongo.remove(new Query(), Settings.class);
        mongo.remove(new Query(), "audit_events");
    }

    @Test
    void exportHoldsEverythingButSecrets() {
        configureXpto();

        Response export = admin.get(EXPORT);

        assertThat(export.status()).isEqualTo(200);
        JsonNode json = export.json();
        assertThat(json.path("mailboxes").findValuesAsString("id")).containsExactly("mbx-xpto-in", "mbx-xpto-out");
        assertThat(json.path("mailboxes").get(0).path("passwordSet").asBoolean()).isTrue();
        assertThat(json.path("mailboxes").get(0).has("password")).isFalse();
        assertThat(json.path("contracts").get(0).path("outboundMailboxId").asString()).isEqualTo("mbx-xpto-out");
        assertThat(json.path("settings").path("defaultOutboxId").asString()).isEqualTo("mbx-xpto-out");
        String ciphertext = storedCiphertext("mbx-xpto-out");
        assertThat(export.body()).doesNotContain(PASSWORD, ciphertext, "ciphertext");
    }

    @Test
    void exportImportedIntoAnEmptyDatabaseGivesTheSameExport() {
        configureXpto();
        ObjectNode exported = (ObjectNode) admin.get(EXPORT).json();
        emptyConfiguration();
        exported.path("mailboxes").forEach(mailbox -> ((ObjectNode) mailbox).put("password", PASSWORD));

        Response imported = admin.post(IMPORT, exported.toString());

        assertThat(imported.status()).isEqualTo(200);
        List<String> written = new ArrayList<>();
        imported.json().path("imported").forEach(entry -> written.add(entry.path("kind").asString() + " "
                + entry.path("id").asString() + " " + entry.path("change").asString()));
        assertThat(written).containsExactly("MAILBOX mbx-xpto-in CREATED", "MAILBOX mbx-xpto-out CREATED",
                "CONTRACT xpto CREATED", "SETTINGS system UPDATED");
        assertThat(withoutTimestamps(admin.get(EXPORT).json())).isEqualTo(withoutTimestamps(exported));
        assertThat(storedPassword("mbx-xpto-in")).isEqualTo(PASSWORD);
        assertThat(auditedActions()).containsOnly("admin CREATED", "admin UPDATED").hasSize(4);
    }

    @Test
    void oneBadDocumentNamesEveryBrokenRuleAndWritesNothing() {
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-kept", null));
        String body = """
                {"mailboxes": [%s, %s, %s],
                 "contracts": [{"id": "ctr-new", "name": "Nuevo", "outboundMailboxId": "mbx-new-in"}],
                 "settings": {"defaultOutboxId": "mbx-new-out"}}
                """.formatted(TestMailboxes.imapsInbox("mbx-new-in"), TestMailboxes.smtpOutbox("mbx-new-out"),
                TestMailboxes.imapsInbox("mbx-bad").replace("993", "99999"));

        Response response = admin.post(IMPORT, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("mailboxes[2].port",
                "contracts[0].outboundMailboxId");
        assertThat(response.body()).doesNotContain(PASSWORD);
        assertThat(mongo.count(new Query(), Mailbox.class)).isZero();
        assertThat(admin.get("/api/v1/contracts").json().findValuesAsString("id")).containsExactly("ctr-kept");
        assertThat(admin.get("/api/v1/settings").json().path("defaultOutboxId").isNull()).isTrue();
        assertThat(auditedActions()).containsExactly("admin CREATED");
    }

    @Test
    void referencesResolveBetweenImportedAndStoredDocuments() {
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-stored", null));
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-stored-out"));
        String body = """
                {"mailboxes": [%s, %s],
                 "contracts": [{"id": "ctr-new", "name": "Nuevo", "outboundMailboxId": "mbx-new-out"}],
                 "settings": {"defaultOutboxId": "mbx-stored-out"}}
                """.formatted(TestMailboxes.imapsInbox("mbx-new-in").replace("\"type\"", "\"contractId\": "
                        + "\"ctr-stored\", \"type\""),
                TestMailboxes.smtpOutbox("mbx-new-out").replace("\"type\"", "\"contractId\": \"ctr-new\", \"type\""));

        Response response = admin.post(IMPORT, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/mailboxes/mbx-new-in").json().path("contractId").asString())
                .isEqualTo("ctr-stored");
        assertThat(admin.get("/api/v1/contracts/ctr-new").json().path("outboundMailboxId").asString())
                .isEqualTo("mbx-new-out");
        assertThat(admin.get("/api/v1/settings").json().path("defaultOutboxId").asString())
                .isEqualTo("mbx-stored-out");
    }

    @Test
    void replacingByIdKeepsTheStoredPasswordAndCreationTime() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-kept"));
        JsonNode before = admin.get("/api/v1/mailboxes/mbx-kept").json();
        String withoutPassword = TestMailboxes.imapsInbox("mbx-kept")
                .replace("\"password\": \"" + PASSWORD + "\",", "").replace("\"pollIntervalSeconds\": 60",
                        "\"pollIntervalSeconds\": 120");

        Response response = admin.post(IMPORT, "{\"mailboxes\": [" + withoutPassword + "]}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("imported").get(0).path("change").asString()).isEqualTo("UPDATED");
        JsonNode after = admin.get("/api/v1/mailboxes/mbx-kept").json();
        assertThat(after.path("pollIntervalSeconds").asInt()).isEqualTo(120);
        assertThat(after.path("passwordSet").asBoolean()).isTrue();
        assertThat(after.path("createdAt")).isEqualTo(before.path("createdAt"));
        assertThat(storedPassword("mbx-kept")).isEqualTo(PASSWORD);
        assertThat(auditedActions()).containsExactly("admin UPDATED", "admin CREATED");
    }

    @Test
    void refusesToCarryAStoredPasswordToAnotherPortNamingTheField() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-moved"));
        String elsewhere = TestMailboxes.imapsInbox("mbx-moved")
                .replace("\"password\": \"" + PASSWORD + "\",", "").replace("993", "994");

        Response response = admin.post(IMPORT, "{\"mailboxes\": [" + elsewhere + "]}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("mailboxes[0].port");
        assertThat(admin.get("/api/v1/mailboxes/mbx-moved").json().path("port").asInt()).isEqualTo(993);
    }

    @Test
    void aNewMailboxWithoutItsPasswordIsNamedWithTheReason() {
        String withoutPassword = TestMailboxes.imapsInbox("mbx-nopass").replace("\"password\": \"" + PASSWORD
                + "\",", "");

        Response response = admin.post(IMPORT, "{\"mailboxes\": [" + withoutPassword + "]}");

        assertThat(response.errorFields()).containsExactly("mailboxes[0].password");
        assertThat(response.errorMessage("mailboxes[0].password")).contains("exports carry none");
    }

    @Test
    void shapeErrorsTypeChangesDuplicatesAndMissingIdsAreNamed() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-out"));
        String body = """
                {"mailboxes": [%s, %s, 42, %s],
                 "contracts": {"id": "x"},
                 "settings": {"defaultOutboxId": "mbx-out", "colour": "red"},
                 "users": []}
                """.formatted(TestMailboxes.imapsInbox("mbx-out"), TestMailboxes.smtpOutbox("mbx-twice"),
                TestMailboxes.smtpOutbox("mbx-twice").replace("\"id\": \"mbx-twice\", ", ""));

        Response response = admin.post(IMPORT, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).contains("mailboxes[0].type", "mailboxes[2]", "mailboxes[3].id",
                "contracts", "settings.colour", "users");
        assertThat(admin.post(IMPORT, "{\"mailboxes\": [" + TestMailboxes.smtpOutbox("mbx-a") + ", "
                + TestMailboxes.smtpOutbox("mbx-a") + "]}").errorFields()).containsExactly("mailboxes[1].id");
        assertThat(admin.post(IMPORT, "[]").errorFields()).containsExactly("$");
        assertThat(admin.get("/api/v1/mailboxes/mbx-out").json().path("type").asString()).isEqualTo("OUTBOUND");
    }

    @Test
    void onlyAnAdminMayExportOrImport() {
        mongo.save(new ApiUser("transfer-viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER),
                true, Instant.now()));
        ApiClient viewer = ApiClient.as(port, "transfer-viewer", "viewer-pass");

        assertThat(viewer.get(EXPORT).status()).isEqualTo(403);
        assertThat(viewer.post(IMPORT, "{\"contracts\": [{\"id\": \"v\", \"name\": \"V\"}]}").status())
                .isEqualTo(403);
        assertThat(ApiClient.anonymous(port).get(EXPORT).status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/contracts/v").status()).isEqualTo(404);
    }

    private void configureXpto() {
        admin.post("/api/v1/contracts", TestMailboxes.contract("xpto", null));
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-xpto-out").replace("\"type\"",
                "\"contractId\": \"xpto\", \"type\""));
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-xpto-in").replace("\"type\"",
                "\"contractId\": \"xpto\", \"type\""));
        admin.put("/api/v1/contracts/xpto", TestMailboxes.contract("xpto", "mbx-xpto-out"));
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": \"mbx-xpto-out\"}");
    }

    private static JsonNode withoutTimestamps(JsonNode export) {
        ObjectNode copy = (ObjectNode) export.deepCopy();
        copy.path("mailboxes").forEach(node -> ((ObjectNode) node).remove(List.of("createdAt", "updatedAt",
                "password")));
        copy.path("contracts").forEach(node -> ((ObjectNode) node).remove(List.of("createdAt", "updatedAt")));
        ((ObjectNode) copy.path("settings")).remove("updatedAt");
        return copy;
    }

    private String storedCiphertext(String mailboxId) {
        Document stored = mongo.getCollection("mailboxes").find(new Document("_id", mailboxId)).first();
        return TestMailboxes.storedCiphertext(stored, SecretField.PASSWORD);
    }

    private String storedPassword(String mailboxId) {
        return TestMailboxes.storedSecret(mongo.getCollection("mailboxes").find(new Document("_id", mailboxId)).first(),
                SecretField.PASSWORD, cipher);
    }

    /** "actor ACTION" of each audit entry, newest first. */
    private List<String> auditedActions() {
        List<String> actions = new ArrayList<>();
        admin.get("/api/v1/audit").json().path("content").forEach(event -> actions.add(
                event.path("actor").asString() + " " + event.path("action").asString()));
        return actions;
    }
}
