package io.mailgw.config.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.settings.Settings;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static io.mailgw.config.TestMailboxes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

/** Changes made over the API, read back from {@code /api/v1/audit} and from the collection itself. */
class AuditApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String AUDIT = "/api/v1/audit";
    private static final Instant NOW = Instant.parse("2026-11-28T10:15:30.123Z");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-audit");
    }

    /** Every change of this test class happens at {@link #NOW}; the id breaks the tie, newest first. */
    @TestBean
    Clock clock;

    static Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    /** Leaves only the first admin's creation at start, which the service made on its own. */
    @BeforeEach
    void onlyTheStartsEntry() {
        mongo.remove(Query.query(Criteria.where("actor").ne(AuditLog.SYSTEM)), AuditEvent.class);
    }

    @Test
    void mailboxLifecycleNamesWhoWhenWhatAndWhichFieldsNewestFirst() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-audited"));
        admin.put("/api/v1/mailboxes/mbx-audited", TestMailboxes.imapsInbox("mbx-audited")
                .replace("993", "994").replace(PASSWORD, "An0ther-Secret"));
        admin.put("/api/v1/mailboxes/mbx-audited", TestMailboxes.imapsInbox("mbx-audited")
                .replace("993", "994").replace("\"password\": \"" + PASSWORD + "\",", "")
                .replace("\"enabled\": true", "\"enabled\": false"));
        admin.delete("/api/v1/mailboxes/mbx-audited");

        List<JsonNode> events = entries(admin.get(AUDIT + "?page=0&size=50"), "mbx-audited");

        assertThat(events).extracting(event -> event.path("action").asString())
                .containsExactly("DELETED", "UPDATED", "UPDATED", "CREATED");
        assertThat(events).allSatisfy(event -> {
            assertThat(event.path("actor").asString()).isEqualTo("admin");
            assertThat(event.path("at").asString()).isEqualTo("2026-11-28T10:15:30.123Z");
            assertThat(event.path("target").path("kind").asString()).isEqualTo("MAILBOX");
        });
        assertThat(fields(events.get(3))).containsExactly("name", "type", "enabled", "host", "port", "username",
                "password", "auth.method", "protocol", "folder", "pollIntervalSeconds", "afterRead", "startFrom",
                "idle", "requireTls");
        assertThat(fields(events.get(2))).containsExactly("port", "password");
        assertThat(fields(events.get(1))).containsExactly("enabled");
        assertThat(fields(events.get(0))).isEmpty();
    }

    @Test
    void contractAndSettingsChangesAreAudited() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-audit-out"));
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-audited", null));
        admin.put("/api/v1/contracts/ctr-audited", TestMailboxes.contract("ctr-audited", "mbx-audit-out"));
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": \"mbx-audit-out\"}");
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": null}");
        admin.put("/api/v1/contracts/ctr-audited", TestMailboxes.contract("ctr-audited", null));
        admin.delete("/api/v1/contracts/ctr-audited");

        Response page = admin.get(AUDIT);
        List<JsonNode> contract = entries(page, "ctr-audited");
        List<JsonNode> settings = entries(page, Settings.SINGLETON_ID);

        assertThat(contract).extracting(event -> event.path("action").asString() + " " + fields(event))
                .containsExactly("DELETED []", "UPDATED [outboundMailboxId]", "UPDATED [outboundMailboxId]",
                        "CREATED [name]");
        assertThat(settings).extracting(event -> event.path("action").asString() + " " + fields(event))
                .containsExactly("UPDATED [defaultOutboxId]", "UPDATED [defaultOutboxId]");
        assertThat(settings.get(0).path("target").path("kind").asString()).isEqualTo("SETTINGS");
        assertThat(fields(entries(page, "mbx-audit-out").get(0))).contains("fromAddress", "security", "password");
    }

    @Test
    void userChangesNameThePasswordFieldButNoHash() {
        admin.post("/api/v1/users",
                "{\"name\": \"audited-ana\", \"role\": \"VIEWER\", \"password\": \"Ana-Pa55word\"}");
        admin.put("/api/v1/users/audited-ana", "{\"password\": \"Ana-N3w-word\"}");
        admin.put("/api/v1/users/audited-ana", "{\"role\": \"ADMIN\"}");
        admin.delete("/api/v1/users/audited-ana");

        List<JsonNode> events = entries(admin.get(AUDIT), "audited-ana");

        assertThat(events).extracting(event -> event.path("action").asString() + " " + fields(event))
                .containsExactly("DELETED []", "UPDATED [role]", "UPDATED [password]", "CREATED [name, role, "
                        + "enabled, password]");
        assertThat(events.get(0).path("target").path("kind").asString()).isEqualTo("USER");
    }

    @Test
    void theFirstAdminIsAuditedAsCreatedByTheSystem() {
        List<JsonNode> events = entries(admin.get(AUDIT), "admin");

        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("actor").asString()).isEqualTo(AuditLog.SYSTEM);
        assertThat(events.get(0).path("action").asString()).isEqualTo("CREATED");
        assertThat(fields(events.get(0))).containsExactly("name", "role", "password");
    }

    @Test
    void noAuditEntryHoldsAPasswordItsHashOrItsCiphertext() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-audit-secret"));
        admin.put("/api/v1/mailboxes/mbx-audit-secret", TestMailboxes.smtpOutbox("mbx-audit-secret")
                .replace(PASSWORD, "Second-Secret-99"));
        admin.post("/api/v1/users",
                "{\"name\": \"audited-bea\", \"role\": \"VIEWER\", \"password\": \"Bea-Pa55word\"}");
        admin.put("/api/v1/users/audited-bea", "{\"password\": \"Bea-N3w-word\"}");
        Document mailbox = mongo.getCollection("mailboxes").find(new Document("_id", "mbx-audit-secret")).first();
        String ciphertext = TestMailboxes.storedCiphertext(mailbox, SecretField.PASSWORD);
        String hash = mongo.findById("audited-bea", ApiUser.class).passwordHash();

        List<String> stored = new ArrayList<>();
        mongo.getCollection(AuditEvent.COLLECTION).find().forEach(document -> stored.add(document.toJson()));
        String api = admin.get(AUDIT + "?size=500").body();

        assertThat(stored).hasSizeGreaterThanOrEqualTo(4).anySatisfy(json -> assertThat(json).contains("password"));
        for (String json : append(stored, api)) {
            assertThat(json).doesNotContain(PASSWORD, "Second-Secret-99", "Bea-Pa55word", "Bea-N3w-word",
                    "admin-pass", ciphertext, hash, hash.substring("{bcrypt}".length()), "ciphertext", "$2a$");
        }
    }

    @Test
    void pagesThroughNewestFirstWithTotals() {
        for (int i = 1; i <= 5; i++) {
            admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-page-" + i, null));
        }

        Response first = admin.get(AUDIT + "?page=0&size=2");
        Response third = admin.get(AUDIT + "?page=2&size=2");

        assertThat(first.json().path("totalElements").asLong()).isEqualTo(6);
        assertThat(first.json().path("totalPages").asLong()).isEqualTo(3);
        assertThat(first.json().path("size").asInt()).isEqualTo(2);
        assertThat(targetIds(first)).containsExactly("ctr-page-5", "ctr-page-4");
        assertThat(third.json().path("page").asInt()).isEqualTo(2);
        assertThat(targetIds(third)).containsExactly("ctr-page-1", "admin");
    }

    @Test
    void aBadPageOrSizeIsNamed() {
        Response response = admin.get(AUDIT + "?page=-1&size=0");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("page", "size");
        assertThat(admin.get(AUDIT + "?size=" + (AuditController.MAX_SIZE + 1)).errorFields()).containsExactly("size");
    }

    @Test
    void viewersReadTheAuditLogAnonymousCallersDoNot() {
        mongo.save(new ApiUser("audit-viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER), true,
                NOW));

        assertThat(ApiClient.as(port, "audit-viewer", "viewer-pass").get(AUDIT).status()).isEqualTo(200);
        assertThat(ApiClient.anonymous(port).get(AUDIT).status()).isEqualTo(401);
    }

    /** The entries of one target, in the order of the page. */
    private static List<JsonNode> entries(Response page, String targetId) {
        assertThat(page.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        page.json().path("content").forEach(event -> {
            if (targetId.equals(event.path("target").path("id").asString())) {
                entries.add(event);
            }
        });
        return entries;
    }

    private static List<String> targetIds(Response page) {
        List<String> ids = new ArrayList<>();
        page.json().path("content").forEach(event -> ids.add(event.path("target").path("id").asString()));
        return ids;
    }

    private static List<String> fields(JsonNode event) {
        List<String> fields = new ArrayList<>();
        event.path("fields").forEach(field -> fields.add(field.asString()));
        return fields;
    }

    private static List<String> append(List<String> list, String one) {
        List<String> all = new ArrayList<>(list);
        all.add(one);
        return all;
    }
}
