package io.mailgw.config.mailbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.TestMailboxes.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MailboxApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String MAILBOXES = "/api/v1/mailboxes";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-mailbox-api");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    SecretCipher cipher;

    @Autowired
    MailboxStatusRecorder statuses;

    @Autowired
    MailboxEditor editor;

    @Test
    void createsInboundMailboxWithLocationDefaultsAndPasswordSet() {
        Response created = admin.post(MAILBOXES, """
                {"name": "Ventas", "type": "INBOUND", "host": "imap.ventas.example",
                 "username": "ventas@ventas.example", "password": "%s", "protocol": "IMAPS"}
                """.formatted(PASSWORD));

        assertThat(created.status()).isEqualTo(201);
        String id = created.json().path("id").asString();
        assertThat(id).matches("mbx-[0-9a-f]{12}");
        assertThat(created.location()).isEqualTo(MAILBOXES + "/" + id);
        assertThat(created.json().path("port").asInt()).isEqualTo(993);
        assertThat(created.json().path("folder").asString()).isEqualTo("INBOX");
        assertThat(created.json().path("pollIntervalSeconds").asInt()).isEqualTo(60);
        assertThat(created.json().path("afterRead").asString()).isEqualTo("MARK_SEEN");
        assertThat(created.json().path("startFrom").asString()).isEqualTo("NOW");
        assertThat(created.json().path("enabled").asBoolean()).isTrue();
        assertThat(created.json().path("passwordSet").asBoolean()).isTrue();
        assertThat(created.json().has("password")).isFalse();
        assertThat(created.json().has("fromAddress")).isFalse();
        assertThat(admin.get(created.location()).json()).isEqualTo(created.json());
    }

    @Test
    void keepsTheLaneIdleAndTlsSettingsAndFillsTheirDefaults() {
        Response outbox = admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-lane")
                .replace("\"authRequired\": true", "\"authRequired\": true, \"maxConnections\": 8, \"maxPerMinute\": 30"));
        Response inbox = admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-idle")
                .replace("\"afterRead\"", "\"idle\": false, \"afterRead\""));
        Response defaults = admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-lane-default"));

        assertThat(outbox.status()).isEqualTo(201);
        assertThat(admin.get(outbox.location()).json().path("maxConnections").asInt()).isEqualTo(8);
        assertThat(admin.get(outbox.location()).json().path("maxPerMinute").asInt()).isEqualTo(30);
        assertThat(inbox.json().path("idle").asBoolean()).isFalse();
        assertThat(inbox.json().path("requireTls").asBoolean()).isTrue();
        assertThat(defaults.json().path("maxConnections").asInt()).isEqualTo(4);
        assertThat(defaults.json().path("maxPerMinute").isNull()).isTrue();
    }

    @Test
    void refusesALaneOfNoConnectionsAndANegativeCap() {
        Response response = admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-lane-bad")
                .replace("\"authRequired\": true", "\"authRequired\": true, \"maxConnections\": 0, \"maxPerMinute\": -1"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("maxConnections", "maxPerMinute");
    }

    @Test
    void validationErrorNamesMissingHostAndBadPort() {
        Response response = admin.post(MAILBOXES, """
                {"name": "Sin host", "type": "INBOUND", "port": 70000, "username": "u@x.example",
                 "password": "p", "protocol": "IMAP"}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactlyInAnyOrder("host", "port");
        assertThat(response.errorMessage("port")).contains("1 to 65535");
        assertThat(response.json().path("status").asInt()).isEqualTo(400);
    }

    @Test
    void namesTheStableCodeOfEachBrokenRuleBesideItsMessage() {
        Response response = admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-coded").replace("993", "70000")
                .replace("\"pollIntervalSeconds\": 60", "\"pollIntervalSeconds\": \"often\""));

        assertThat(response.json().path("errors")).extracting(error -> error.path("field").asString(),
                error -> error.path("code").asString()).containsExactlyInAnyOrder(
                        tuple("port", "mailbox.port.range"), tuple("pollIntervalSeconds", "json.integer"));
        assertThat(response.json().path("errors").get(0).propertyNames())
                .containsExactlyInAnyOrder("field", "message", "code");
    }

    @Test
    void namesPortOfWrongJsonType() {
        Response response = admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-typed").replace("993", "\"993\""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("port");
        assertThat(response.errorMessage("port")).isEqualTo("must be a whole number");
    }

    @Test
    void rejectsInboundOnlyFieldsOnOutboundMailboxNamingEach() {
        Response response = admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-mixed")
                .replace("\"authRequired\": true", "\"authRequired\": true, \"folder\": \"INBOX\", \"protocol\": \"IMAP\""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("folder", "protocol");
        assertThat(response.errorMessage("folder")).contains("not a field of an OUTBOUND mailbox");
        assertThat(admin.get(MAILBOXES + "/mbx-mixed").status()).isEqualTo(404);
    }

    @Test
    void rejectsUnknownFieldsNamingEach() {
        Response response = admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-unknown")
                .replace("\"enabled\": true", "\"enabled\": true, \"hots\": \"x\", \"tls\": false"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("hots", "tls");
        assertThat(response.errorMessage("tls")).startsWith("unknown field");
    }

    @Test
    void neverChangesIdOrTypeOnReplace() {
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-fixed"));

        Response otherId = admin.put(MAILBOXES + "/mbx-fixed", TestMailboxes.imapsInbox("mbx-other"));
        Response otherType = admin.put(MAILBOXES + "/mbx-fixed", TestMailboxes.smtpOutbox("mbx-fixed"));

        assertThat(otherId.status()).isEqualTo(400);
        assertThat(otherId.errorFields()).containsExactly("id");
        assertThat(otherType.status()).isEqualTo(400);
        assertThat(otherType.errorFields()).contains("type");
        assertThat(admin.get(MAILBOXES + "/mbx-other").status()).isEqualTo(404);
        assertThat(admin.get(MAILBOXES + "/mbx-fixed").json().path("type").asString()).isEqualTo("INBOUND");
    }

    @Test
    void answersConflictWhenIdIsTaken() {
        assertThat(admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-taken")).status()).isEqualTo(201);

        Response again = admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-taken"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).startsWith("application/problem+json");
        assertThat(again.json().path("detail").asString()).contains("mbx-taken");
        assertThat(admin.get(MAILBOXES + "/mbx-taken").json().path("type").asString()).isEqualTo("INBOUND");
    }

    @Test
    void rejectsContractIdOfUnknownContract() {
        Response response = admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-orphan")
                .replace("\"type\"", "\"contractId\": \"no-such-contract\", \"type\""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("contractId");
    }

    @Test
    void refusesToDeleteMailboxInUseByContractOrSettingsNamingThem() {
        admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-used"));
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-user", "mbx-used"));
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": \"mbx-used\"}");

        Response refused = admin.delete(MAILBOXES + "/mbx-used");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("ctr-user", "default outbox");
        assertThat(refused.json().path("referencedBy").findValuesAsString("id"))
                .containsExactlyInAnyOrder("ctr-user", "system");
        admin.put("/api/v1/settings", "{\"defaultOutboxId\": null}");
        admin.put("/api/v1/contracts/ctr-user", TestMailboxes.contract("ctr-user", null));
        assertThat(admin.delete(MAILBOXES + "/mbx-used").status()).isEqualTo(204);
        assertThat(admin.get(MAILBOXES + "/mbx-used").status()).isEqualTo(404);
    }

    @Test
    void listsByTypeAndContract() {
        admin.post("/api/v1/contracts", TestMailboxes.contract("ctr-list", null));
        String ofContract = "\"contractId\": \"ctr-list\", \"type\"";
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-list-in").replace("\"type\"", ofContract));
        admin.post(MAILBOXES, TestMailboxes.smtpOutbox("mbx-list-out").replace("\"type\"", ofContract));

        List<String> inbound = admin.get(MAILBOXES + "?type=INBOUND&contractId=ctr-list").json()
                .findValuesAsString("id");
        List<String> ofTheContract = admin.get(MAILBOXES + "?contractId=ctr-list").json().findValuesAsString("id");
        Response badType = admin.get(MAILBOXES + "?type=SIDEWAYS");

        assertThat(inbound).containsExactly("mbx-list-in");
        assertThat(ofTheContract).containsExactly("mbx-list-in", "mbx-list-out");
        assertThat(badType.status()).isEqualTo(400);
        assertThat(badType.errorFields()).containsExactly("type");
    }

    @Test
    void statusSaysDisabledForDisabledMailboxAndShowsRecordedFailures() {
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-status"));
        Instant next = statuses.failure("mbx-status", MailboxState.AUTH_FAILED, "authentication rejected",
                Duration.ofHours(1));

        Response enabled = admin.get(MAILBOXES + "/mbx-status/status");
        admin.put(MAILBOXES + "/mbx-status", TestMailboxes.imapsInbox("mbx-status").replace("true", "false"));
        Response disabled = admin.get(MAILBOXES + "/mbx-status/status");

        assertThat(enabled.json().path("state").asString()).isEqualTo("AUTH_FAILED");
        assertThat(enabled.json().path("lastError").asString()).isEqualTo("authentication rejected");
        assertThat(enabled.json().path("failures").asLong()).isEqualTo(1);
        assertThat(enabled.json().path("nextAttemptAt").asString()).isEqualTo(next.toString());
        assertThat(disabled.json().path("state").asString()).isEqualTo("DISABLED");
        assertThat(admin.get(MAILBOXES + "/nope/status").status()).isEqualTo(404);
    }

    @Test
    void refusesToOverwriteAChangeMadeMeanwhile() {
        admin.post(MAILBOXES, TestMailboxes.imapsInbox("mbx-race"));
        var readByFirstRequest = editor.find("mbx-race");
        admin.put(MAILBOXES + "/mbx-race", TestMailboxes.imapsInbox("mbx-race").replace("60", "90"));

        assertThatThrownBy(() -> editor.replace(readByFirstRequest, MailboxJsonReader.read(
                JsonMapper.builder().build().readTree(TestMailboxes.imapsInbox("mbx-race")), null), "admin"))
                .isInstanceOf(OptimisticLockingFailureException.class);
        assertThat(admin.get(MAILBOXES + "/mbx-race").json().path("pollIntervalSeconds").asInt()).isEqualTo(90);
    }
}
