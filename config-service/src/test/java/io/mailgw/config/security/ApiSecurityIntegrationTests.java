package io.mailgw.config.security;

import java.time.Instant;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

@TestPropertySource(properties = {"mailgw.admin.user=first-admin", "mailgw.admin.password=first-admin-pass"})
class ApiSecurityIntegrationTests extends AbstractApiIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-security");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    ApiClient viewer;
    ApiClient anonymous;

    @BeforeEach
    void users() {
        mongo.save(new ApiUser("viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER), true,
                Instant.now()));
        viewer = ApiClient.as(port, "viewer", "viewer-pass");
        anonymous = ApiClient.anonymous(port);
    }

    @Test
    void answers401WithBasicChallengeWithoutCredentials() {
        Response response = anonymous.get("/api/v1/mailboxes");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.wwwAuthenticate()).startsWith("Basic");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(401);
        assertThat(anonymous.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-anon")).status())
                .isEqualTo(401);
    }

    @Test
    void answers401ForWrongPasswordAndUnknownUser() {
        assertThat(ApiClient.as(port, "first-admin", "wrong").get("/api/v1/contracts").status()).isEqualTo(401);
        assertThat(ApiClient.as(port, "nobody", "first-admin-pass").get("/api/v1/contracts").status())
                .isEqualTo(401);
    }

    @Test
    void viewerReadsButMayNotWrite() {
        Response read = viewer.get("/api/v1/mailboxes");
        Response write = viewer.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-by-viewer"));
        Response settings = viewer.put("/api/v1/settings", "{\"defaultOutboxId\": null}");

        assertThat(read.status()).isEqualTo(200);
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.contentType()).startsWith("application/problem+json");
        assertThat(write.json().path("detail").asString()).contains("ADMIN");
        assertThat(settings.status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/mailboxes/mbx-by-viewer").status()).isEqualTo(404);
    }

    @Test
    void acceptsABareBcryptHashPutInByHand() {
        mongo.save(new ApiUser("ops", new BCryptPasswordEncoder().encode("ops-pass"), Set.of(ApiRole.VIEWER), true,
                Instant.now()));

        assertThat(ApiClient.as(port, "ops", "ops-pass").get("/api/v1/settings").status()).isEqualTo(200);
    }

    @Test
    void adminWrites() {
        assertThat(admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-by-admin")).status())
                .isEqualTo(201);
    }

    @Test
    void healthAndProbesAreOpenOtherActuatorEndpointsNeedAdmin() {
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").body()).doesNotContain("mongo");
        assertThat(admin.get("/actuator/health").body()).contains("mongo");
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(viewer.get("/actuator/metrics").status()).isEqualTo(403);
        assertThat(admin.get("/actuator/metrics").status()).isEqualTo(200);
        assertThat(admin.get("/actuator/prometheus").status()).isEqualTo(200);
    }

    @Test
    void storesTheFirstAdminWithBcryptHashOnly() {
        Document stored = mongo.getCollection("users").find(new Document("_id", "first-admin")).first();

        assertThat(stored).isNotNull();
        assertThat(stored.getString("passwordHash")).startsWith("{bcrypt}$2");
        assertThat(stored.toJson()).doesNotContain("first-admin-pass");
        assertThat(stored.getList("roles", String.class)).containsExactly("ADMIN");
    }
}
