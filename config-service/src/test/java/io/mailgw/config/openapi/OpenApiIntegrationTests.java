package io.mailgw.config.openapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description and Swagger UI, read over HTTP as a client would. */
class OpenApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String API_DOCS = "/v3/api-docs";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-openapi");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void describesEveryResourceOfTheApiAndNothingElse() {
        Response docs = admin.get(API_DOCS);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(paths(docs.json())).contains("/api/v1/mailboxes", "/api/v1/mailboxes/{id}",
                "/api/v1/mailboxes/{id}/status", "/api/v1/contracts", "/api/v1/contracts/{id}", "/api/v1/settings",
                "/api/v1/users", "/api/v1/users/{name}", "/api/v1/audit", "/api/v1/export", "/api/v1/import")
                .allSatisfy(path -> assertThat(path).startsWith("/api/v1/"));
        assertThat(docs.json().path("components").path("securitySchemes").path("basic").path("scheme").asString())
                .isEqualTo("basic");
    }

    @Test
    void mailboxAndUserPasswordsAreWriteOnly() {
        JsonNode schemas = admin.get(API_DOCS).json().path("components").path("schemas");

        JsonNode mailbox = schemas.path("Mailbox").path("properties");
        assertThat(mailbox.path("password").path("writeOnly").asBoolean()).isTrue();
        assertThat(mailbox.path("password").path("readOnly").asBoolean()).isFalse();
        assertThat(mailbox.path("passwordSet").path("readOnly").asBoolean()).isTrue();
        assertThat(schemas.path("User").path("properties").path("password").path("writeOnly").asBoolean()).isTrue();
        JsonNode auth = schemas.path("MailboxAuth").path("properties");
        assertThat(mailbox.path("auth").path("$ref").asString()).isEqualTo("#/components/schemas/MailboxAuth");
        assertThat(List.of("clientSecret", "refreshToken", "serviceAccountKey"))
                .allSatisfy(secret -> assertThat(auth.path(secret).path("writeOnly").asBoolean()).as(secret).isTrue());
        assertThat(auth.path("clientSecretSet").path("readOnly").asBoolean()).isTrue();
        assertThat(schemas.propertyNames()).doesNotContain("JsonNode", "MailboxView", "Inbound", "Outbound",
                "AuthView", "OAuth2", "Password");
    }

    @Test
    void operationsShowTheirBodiesStatusesAndProblems() {
        JsonNode paths = admin.get(API_DOCS).json().path("paths");

        JsonNode create = paths.path("/api/v1/mailboxes").path("post");
        assertThat(create.path("requestBody").path("content").path("application/json").path("schema").path("$ref")
                .asString()).isEqualTo("#/components/schemas/Mailbox");
        assertThat(create.path("responses").propertyNames()).contains("201", "default").doesNotContain("200");
        assertThat(paths.path("/api/v1/mailboxes").path("get").path("responses").path("200").path("content")
                .path("application/json").path("schema").path("items").path("$ref").asString())
                .isEqualTo("#/components/schemas/Mailbox");
        assertThat(paths.path("/api/v1/contracts/{id}").path("delete").path("responses").propertyNames())
                .contains("204").doesNotContain("200");
        assertThat(paths.path("/api/v1/import").path("post").path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asString())
                .isEqualTo("#/components/schemas/Configuration");
        assertThat(create.path("responses").path("default").path("content").path("application/problem+json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void descriptionAndSwaggerUiNeedALogin() {
        ApiClient anonymous = ApiClient.anonymous(port);

        for (String path : List.of(API_DOCS, "/swagger-ui.html", "/swagger-ui/index.html")) {
            Response response = anonymous.get(path);
            assertThat(response.body()).doesNotContain("/api/v1/mailboxes").doesNotContain("swagger-ui-bundle");
            assertThat(response.status() == 401
                    || response.status() == 302 && response.location().endsWith("/login"))
                    .as("%s answered %d, Location %s", path, response.status(), response.location()).isTrue();
        }
    }

    @Test
    void viewersReadTheDescriptionAndSwaggerUiServedFromTheServiceItself() {
        mongo.save(new ApiUser("docs-viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER), true,
                Instant.now()));
        ApiClient viewer = ApiClient.as(port, "docs-viewer", "viewer-pass");

        Response docs = viewer.get(API_DOCS);
        Response ui = viewer.get("/swagger-ui/index.html");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("openapi").asString()).startsWith("3.");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui-bundle.js").doesNotContain("://");
        assertThat(viewer.get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
    }

    private static List<String> paths(JsonNode docs) {
        return new ArrayList<>(docs.path("paths").propertyNames());
    }
}
