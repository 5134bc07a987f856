package io.mailgw.config.web;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** Every failure, Spring MVC's own included, reaches the client as an RFC 9457 problem detail. */
class ApiProblemIntegrationTests extends AbstractApiIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-problems");
    }

    @Test
    void namesWhereMalformedJsonBreaks() {
        Response response = admin.post("/api/v1/mailboxes", "{\"name\": \"x\",\n \"port\": 99x}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("port");
        assertThat(response.errorMessage("port")).contains("line 2");
    }

    @Test
    void answersProblemDetailsForUnknownMailboxWrongMethodAndMediaType() {
        Response missing = admin.get("/api/v1/mailboxes/no-such-mailbox");
        Response wrongMethod = admin.send("PATCH", "/api/v1/mailboxes/no-such-mailbox",
                BodyPublishers.ofString("{}"), "application/json");
        Response wrongType = admin.send("POST", "/api/v1/mailboxes",
                BodyPublishers.ofString("name=x"), "text/plain");
        Response unknownPath = admin.get("/api/v1/nothing-here");

        assertThat(List.of(missing, wrongMethod, wrongType, unknownPath)).extracting(Response::status)
                .containsExactly(404, 405, 415, 404);
        assertThat(List.of(missing, wrongMethod, wrongType, unknownPath))
                .allSatisfy(response -> assertThat(response.contentType()).startsWith("application/problem+json"))
                .allSatisfy(response -> assertThat(response.body()).doesNotContain("Exception", "\tat "));
        assertThat(missing.json().path("detail").asString()).isEqualTo("No mailbox with id 'no-such-mailbox'");
    }

    @Test
    void answersMissingBodyNamingIt() {
        Response response = admin.post("/api/v1/mailboxes", "");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("$");
    }

    @Test
    void namesTheWholeBodyWhenItIsNotAnObject() {
        Response response = admin.put("/api/v1/settings", "[\"mbx-1\"]");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("$");
        assertThat(response.errorMessage("$")).isEqualTo("the request body must be a JSON object");
    }

    @Test
    void errorDispatchAnswersProblemDetailWithoutInternals() {
        Response response = admin.get("/error");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).isEqualTo("Unexpected error; the server log has the details");
    }
}
