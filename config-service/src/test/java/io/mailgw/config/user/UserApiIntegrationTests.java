package io.mailgw.config.user;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.config.security.ApiUser;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/v1/users} over HTTP, each user then signing in for real. */
class UserApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String USERS = "/api/v1/users";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-users");
    }

    @Autowired
    MongoOperations mongo;

    /** Only the first admin is left from earlier tests. */
    @BeforeEach
    void onlyTheFirstAdmin() {
        mongo.remove(Query.query(Criteria.where("_id").ne("admin")), ApiUser.class);
    }

    @Test
    void createdViewerSignsInReadsAndMayNotWrite() {
        Response created = admin.post(USERS, user("ana", "VIEWER", "Ana-Pa55word"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo(USERS + "/ana");
        assertThat(created.json().path("name").asString()).isEqualTo("ana");
        assertThat(created.json().path("role").asString()).isEqualTo("VIEWER");
        assertThat(created.body()).doesNotContain("Ana-Pa55word").doesNotContainIgnoringCase("hash");
        ApiClient ana = ApiClient.as(port, "ana", "Ana-Pa55word");
        assertThat(ana.get("/api/v1/mailboxes").status()).isEqualTo(200);
        assertThat(ana.post("/api/v1/contracts", TestMailboxes.contract("by-ana", null)).status()).isEqualTo(403);
        Document stored = mongo.getCollection(ApiUser.COLLECTION).find(new Document("_id", "ana")).first();
        assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2").doesNotContain("Ana-Pa55word");
    }

    @Test
    void listShowsNamesAndRolesButNeverPasswordsOrHashes() {
        admin.post(USERS, user("bea", "ADMIN", "Bea-Pa55word"));

        Response list = admin.get(USERS);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().findValuesAsString("name")).containsExactly("admin", "bea");
        assertThat(list.json().findValuesAsString("role")).containsExactly("ADMIN", "ADMIN");
        assertThat(list.body()).doesNotContain("$2").doesNotContainIgnoringCase("password");
        assertThat(admin.get(USERS + "/bea").json().path("role").asString()).isEqualTo("ADMIN");
    }

    @Test
    void createNamesEveryBrokenRuleWithoutEchoingThePassword() {
        Response response = admin.post(USERS, "{\"name\": \"ana:x\", \"role\": \"OWNER\", \"password\": \"s3cr\","
                + " \"email\": \"ana@x.example\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactlyInAnyOrder("name", "role", "password", "email");
        assertThat(response.body()).doesNotContain("s3cr\"");
        assertThat(admin.post(USERS, "{}").errorFields()).containsExactlyInAnyOrder("name", "role", "password");
    }

    @Test
    void passwordLongerThanBcryptReadsIsRefused() {
        String tooLong = "x".repeat(UserEditor.MAX_PASSWORD_BYTES + 1);

        Response response = admin.post(USERS, user("long", "VIEWER", tooLong));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorMessage("password")).contains("72 bytes");
        assertThat(admin.get(USERS + "/long").status()).isEqualTo(404);
    }

    @Test
    void takenNameIsAConflict() {
        admin.post(USERS, user("carla", "VIEWER", "Carla-Pa55word"));

        Response again = admin.post(USERS, user("carla", "ADMIN", "Other-Pa55word"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(admin.get(USERS + "/carla").json().path("role").asString()).isEqualTo("VIEWER");
        assertThat(ApiClient.as(port, "carla", "Carla-Pa55word").get("/api/v1/settings").status()).isEqualTo(200);
    }

    @Test
    void updateChangesRoleAndPasswordForTheNextRequest() {
        admin.post(USERS, user("dora", "VIEWER", "Dora-Pa55word"));

        Response promoted = admin.put(USERS + "/dora", "{\"role\": \"ADMIN\"}");
        Response newPassword = admin.put(USERS + "/dora", "{\"password\": \"Dora-N3w-word\"}");

        assertThat(promoted.status()).isEqualTo(200);
        assertThat(promoted.json().path("role").asString()).isEqualTo("ADMIN");
        assertThat(newPassword.status()).isEqualTo(200);
        assertThat(newPassword.json().path("role").asString()).isEqualTo("ADMIN");
        assertThat(ApiClient.as(port, "dora", "Dora-Pa55word").get("/api/v1/settings").status()).isEqualTo(401);
        ApiClient dora = ApiClient.as(port, "dora", "Dora-N3w-word");
        assertThat(dora.post("/api/v1/contracts", TestMailboxes.contract("by-dora", null)).status()).isEqualTo(201);
    }

    @Test
    void updateNeedsSomethingToChangeAndKeepsTheName() {
        admin.post(USERS, user("eva", "VIEWER", "Eva-Pa55word"));

        assertThat(admin.put(USERS + "/eva", "{}").errorFields()).containsExactly("$");
        assertThat(admin.put(USERS + "/eva", "{\"name\": \"eve\", \"role\": \"ADMIN\"}").errorFields())
                .containsExactly("name");
        assertThat(admin.put(USERS + "/nobody", "{\"role\": \"ADMIN\"}").status()).isEqualTo(404);
        assertThat(admin.get(USERS + "/eva").json().path("role").asString()).isEqualTo("VIEWER");
    }

    @Test
    void deletedUserCanNoLongerSignIn() {
        admin.post(USERS, user("fede", "VIEWER", "Fede-Pa55word"));
        ApiClient fede = ApiClient.as(port, "fede", "Fede-Pa55word");
        assertThat(fede.get("/api/v1/contracts").status()).isEqualTo(200);

        Response deleted = admin.delete(USERS + "/fede");

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fede.get("/api/v1/contracts").status()).isEqualTo(401);
        assertThat(admin.delete(USERS + "/fede").status()).isEqualTo(404);
    }

    @Test
    void theLastAdminCanBeNeitherDeletedNorDemoted() {
        Response delete = admin.delete(USERS + "/admin");
        Response demote = admin.put(USERS + "/admin", "{\"role\": \"VIEWER\"}");

        assertThat(delete.status()).isEqualTo(409);
        assertThat(delete.json().path("detail").asString()).contains("last ADMIN");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(admin.get(USERS + "/admin").json().path("role").asString()).isEqualTo("ADMIN");

        admin.post(USERS, user("gala", "ADMIN", "Gala-Pa55word"));
        assertThat(admin.put(USERS + "/admin", "{\"role\": \"VIEWER\"}").status()).isEqualTo(200);
        ApiClient gala = ApiClient.as(port, "gala", "Gala-Pa55word");
        assertThat(gala.delete(USERS + "/gala").status()).isEqualTo(409);
        assertThat(gala.put(USERS + "/admin", "{\"role\": \"ADMIN\"}").status()).isEqualTo(200);
    }

    @Test
    void onlyAnAdminMayReadOrChangeUsers() {
        admin.post(USERS, user("hugo", "VIEWER", "Hugo-Pa55word"));
        ApiClient hugo = ApiClient.as(port, "hugo", "Hugo-Pa55word");

        assertThat(hugo.get(USERS).status()).isEqualTo(403);
        assertThat(hugo.get(USERS + "/hugo").status()).isEqualTo(403);
        assertThat(hugo.put(USERS + "/hugo", "{\"role\": \"ADMIN\"}").status()).isEqualTo(403);
        assertThat(hugo.post(USERS, user("ines", "ADMIN", "Ines-Pa55word")).status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(port).get(USERS).status()).isEqualTo(401);
        assertThat(admin.get(USERS + "/hugo").json().path("role").asString()).isEqualTo("VIEWER");
    }

    private static String user(String name, String role, String password) {
        return """
                {"name": "%s", "role": "%s", "password": "%s"}
                """.formatted(name, role, password);
    }
}
