package io.mailgw.config.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Repeated failed sign-ins, by the API's HTTP Basic and by the admin page's form, are slowed down
 * and then refused with 429 and {@code Retry-After}, also for the right password, and audited with
 * the address they came from. Defaults: 3 failures answered at once, then 1 s, 2 s, ... to wait.
 */
class LoginThrottleIntegrationTests extends AbstractApiIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-login-throttle");
    }

    @Test
    void basicAuthenticationIsSlowedDownAfterThreeFailuresAndAuditedWithTheAddress() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(basic("mallory", "guess-" + i).statusCode()).isEqualTo(401);
        }
        assertThat(basic("mallory", "guess-3").statusCode()).isEqualTo(401);

        HttpResponse<String> refused = basic("mallory", "guess-4");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(refused.body()).path("detail").asString()).startsWith("Too many failed sign-ins");
        List<JsonNode> audited = logins("mallory");
        assertThat(audited).extracting(event -> event.path("action").asString())
                .containsExactly("LOGIN_THROTTLED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED", "LOGIN_FAILED");
        assertThat(audited).allSatisfy(event -> {
            assertThat(event.path("address").asString()).isEqualTo("127.0.0.1");
            assertThat(event.path("target").path("kind").asString()).isEqualTo("USER");
            assertThat(event.toString()).doesNotContain("guess-");
        });
    }

    @Test
    void whileAUserMustWaitEvenTheRightPasswordIsRefusedAndAfterwardsItIsTaken() throws Exception {
        for (int i = 0; i < 4; i++) {
            basic("admin", "wrong-" + i);
        }

        assertThat(basic("admin", "admin-pass").statusCode()).isEqualTo(429);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> basic("admin", "admin-pass").statusCode() == 200);
        assertThat(basic("admin", "wrong-again").statusCode()).as("a success forgot the failures").isEqualTo(401);
    }

    @Test
    void theLoginFormAnswers429WithThePageSayingHowLongToWait() throws Exception {
        for (int i = 0; i < 4; i++) {
            assertThat(form("eve", "guess-" + i).statusCode()).isEqualTo(302);
        }

        HttpResponse<String> refused = form("eve", "guess-4");

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("id=\"login-throttled\"").contains("Demasiados inicios de sesión fallidos")
                .doesNotContain("guess-4");
        assertThat(logins("eve")).extracting(event -> event.path("action").asString()).contains("LOGIN_THROTTLED");
    }

    private HttpResponse<String> basic(String user, String password) throws IOException, InterruptedException {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(uri("/api/v1/settings")).header("Authorization", "Basic " + credentials)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> form(String user, String password) throws IOException, InterruptedException {
        String page = http.send(HttpRequest.newBuilder(uri("/login")).header("Accept-Language", "es").GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = CSRF.matcher(page);
        assertThat(token.find()).as("the login form has a CSRF token").isTrue();
        String body = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(token.group(1));
        return http.send(HttpRequest.newBuilder(uri("/login")).header("Accept-Language", "es")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The sign-in entries of the audit for {@code user}, newest first. */
    private List<JsonNode> logins(String user) {
        List<JsonNode> events = new java.util.ArrayList<>();
        admin.get("/api/v1/audit?size=500").json().path("content").forEach(event -> {
            if (user.equals(event.path("target").path("id").asString())
                    && event.path("action").asString().startsWith("LOGIN_")) {
                events.add(event);
            }
        });
        return events;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
