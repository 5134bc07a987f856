package io.mailgw.config.web;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** With Spring MVC logging at DEBUG, request bodies and JSON parse errors still leave passwords out of the log. */
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = {"logging.level.org.springframework.web=DEBUG", "logging.level.io.mailgw=DEBUG"})
class RequestBodyLoggingIntegrationTests extends AbstractApiIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-body-logging");
    }

    @Test
    void aReadBodyIsLoggedByItsFieldNamesOnly(CapturedOutput output) {
        Response created = admin.post("/api/v1/users", "{\"name\": \"ana\", \"role\": \"VIEWER\", "
                + "\"password\": \"Short-Secr3t\"}");
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-logged"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(output.getAll()).contains("Read \"application/json").contains("[name, role, password]")
                .doesNotContain("Short-Secr3t").doesNotContain(TestMailboxes.PASSWORD);
    }

    @Test
    void aBodyThatIsNotJsonIsNotQuotedInTheLogNorTheAnswer(CapturedOutput output) {
        Response response = admin.post("/api/v1/users", "{\"name\": \"bea\", \"role\": \"VIEWER\", "
                + "\"password\": Unquoted5ecret}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("password");
        assertThat(response.errorMessage("password")).contains("line 1");
        assertThat(response.body()).doesNotContain("Unquoted5ecret");
        assertThat(output.getAll()).contains(QuietJsonHttpMessageConverter.NOT_JSON).doesNotContain("Unquoted5ecret");
    }
}
