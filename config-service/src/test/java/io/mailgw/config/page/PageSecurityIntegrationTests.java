package io.mailgw.config.page;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.TestMailboxes;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The two filter chains side by side: the page's form login with CSRF, the API's stateless HTTP Basic. */
class PageSecurityIntegrationTests extends AbstractApiIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-page-security");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Autowired
    SettingsRepository settings;

    PageClient page;

    @BeforeEach
    void signedOutBrowser() {
        page = new PageClient(port, "es-ES,es;q=0.9,en;q=0.5");
        settings.deleteAll();
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-sec-out"));
    }

    @Test
    void sendsAnAnonymousVisitorToTheLoginPageInTheBrowsersLanguage() {
        HttpResponse<String> home = page.get("/");
        HttpResponse<String> login = page.get("/login");

        assertThat(home.statusCode()).isEqualTo(302);
        assertThat(home.headers().firstValue("Location")).hasValueSatisfying(to -> assertThat(to).endsWith("/login"));
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.body()).contains("<h1>Iniciar sesión</h1>").contains("name=\"_csrf\"")
                .doesNotContain("http://", "https://");
        assertThat(new PageClient(port, "de-DE").get("/login").body()).contains("<h1>Sign in</h1>");
    }

    @Test
    void refusesALoginOrAFormPostWithoutCsrfToken() {
        HttpResponse<String> login = page.postForm("/login", Map.of("username", "admin", "password", "admin-pass"));
        page.signIn("admin", "admin-pass");
        HttpResponse<String> settingsWithoutToken = page.postForm("/settings",
                Map.of("defaultOutboxId", "mbx-sec-out"));

        assertThat(login.statusCode()).isEqualTo(403);
        assertThat(settingsWithoutToken.statusCode()).isEqualTo(403);
        assertThat(settingsWithoutToken.body()).contains("No permitido");
        assertThat(settings.current().defaultOutboxId()).isNull();
    }

    @Test
    void adminChangesThroughThePageWithSessionAndCsrfToken() {
        HttpResponse<String> signedIn = page.signIn("admin", "admin-pass");
        page.get("/");
        HttpResponse<String> saved = page.submit("/settings", Map.of("defaultOutboxId", "mbx-sec-out"));

        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Set-Cookie")).hasValueSatisfying(cookie ->
                assertThat(cookie).contains("JSESSIONID").contains("HttpOnly"));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(settings.current().defaultOutboxId()).isEqualTo("mbx-sec-out");
    }

    @Test
    void viewerLooksAtThePageButMayNotChangeAnything() {
        mongo.insert(new Document("_id", "ana").append("passwordHash", passwordEncoder.encode("ana-pass"))
                .append("roles", List.of("VIEWER")).append("enabled", true)
                .append("createdAt", Instant.now()), "users");
        page.signIn("ana", "ana-pass");
        HttpResponse<String> list = page.get("/");
        HttpResponse<String> change = page.submit("/settings", Map.of("defaultOutboxId", "mbx-sec-out"));
        HttpResponse<String> form = page.get("/mailboxes/mbx-sec-out");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Buzón de Correo Electrónico").doesNotContain("id=\"new-mailbox\"");
        assertThat(change.statusCode()).isEqualTo(403);
        assertThat(settings.current().defaultOutboxId()).isNull();
        assertThat(form.body()).doesNotContain("id=\"save\"").contains("disabled");
    }

    @Test
    void apiStaysStatelessHttpBasicWithoutCsrf() {
        HttpResponse<String> signedIn = page.signIn("admin", "admin-pass");
        ApiClient anonymous = ApiClient.anonymous(port);

        assertThat(admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-sec-in")).status()).isEqualTo(201);
        assertThat(admin.put("/api/v1/settings", "{\"defaultOutboxId\": \"mbx-sec-out\"}").status()).isEqualTo(200);
        assertThat(page.get("/api/v1/mailboxes").statusCode()).isEqualTo(401);
        assertThat(signedIn.statusCode()).isEqualTo(302);
        assertThat(anonymous.get("/api/v1/mailboxes").wwwAuthenticate()).startsWith("Basic");
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/metrics").status()).isEqualTo(401);
    }
}
