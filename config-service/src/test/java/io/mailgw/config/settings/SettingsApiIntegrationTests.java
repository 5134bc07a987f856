package io.mailgw.config.settings;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String SETTINGS = "/api/v1/settings";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-settings-api");
    }

    @Autowired
    SettingsRepository settings;

    @Test
    void setsAndUnsetsTheDefaultOutbox() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-default"));

        Response set = admin.put(SETTINGS, "{\"defaultOutboxId\": \"mbx-default\"}");
        Response read = admin.get(SETTINGS);

        assertThat(set.status()).isEqualTo(200);
        assertThat(read.json().path("defaultOutboxId").asString()).isEqualTo("mbx-default");
        assertThat(settings.current().defaultOutboxId()).isEqualTo("mbx-default");
        assertThat(admin.put(SETTINGS, "{\"defaultOutboxId\": null}").status()).isEqualTo(200);
        assertThat(admin.get(SETTINGS).json().path("defaultOutboxId").isNull()).isTrue();
    }

    @Test
    void rejectsAnInboundMailboxAsDefault() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-not-an-outbox"));

        Response response = admin.put(SETTINGS, "{\"defaultOutboxId\": \"mbx-not-an-outbox\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactly("defaultOutboxId");
        assertThat(response.errorMessage("defaultOutboxId")).contains("INBOUND");
        assertThat(settings.current().defaultOutboxId()).isNotEqualTo("mbx-not-an-outbox");
    }

    @Test
    void rejectsUnknownMailboxAndUnknownField() {
        Response response = admin.put(SETTINGS, "{\"defaultOutboxId\": \"mbx-ghost\", \"defaultInbox\": \"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("defaultOutboxId", "defaultInbox");
    }
}
