package io.mailgw.config.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.delivery.TestDeliveries.failed;
import static io.mailgw.config.delivery.TestDeliveries.rejected;
import static io.mailgw.config.delivery.TestDeliveries.retrying;
import static io.mailgw.config.delivery.TestDeliveries.sent;
import static org.assertj.core.api.Assertions.assertThat;

/** The delivery log read over HTTP, from ledger records written straight into the wire server. */
class DeliveryApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String DELIVERIES = "/api/v1/deliveries";
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-deliveries");
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    @BeforeEach
    void emptyLedger() {
        mongo.remove(new Query(), DeliveryRecord.class);
    }

    @Test
    void listsNewestFirstWithoutBodiesAddressesTicketsOrStoredStatus() {
        mongo.save(sent("sr-old", "xpto", "mbx-xpto-out", T0));
        mongo.save(failed("sr-new", "xpto", "mbx-xpto-out", T0.plusSeconds(60)));
        mongo.save(retrying("sr-mid", "acme", "mbx-default", T0.plusSeconds(30)));
        mongo.save(TestDeliveries.rejectedUnreadable("sr-unreadable", T0.minusSeconds(30)));

        Response response = admin.get(DELIVERIES);

        assertThat(response.status()).isEqualTo(200);
        assertThat(requestIds(response)).containsExactly("sr-new", "sr-mid", "sr-old", "sr-unreadable");
        JsonNode newest = response.json().path("content").get(0);
        assertThat(newest.propertyNames()).containsExactlyInAnyOrder("requestId", "contractId", "outboxMailboxId",
                "outboxResolution", "status", "attempt", "smtpReply", "error", "createdAt", "updatedAt",
                "recipientCount", "possibleDuplicate");
        assertThat(newest.path("status").asString()).isEqualTo("FAILED");
        assertThat(newest.path("attempt").asInt()).isEqualTo(3);
        assertThat(newest.path("error").path("code").asString()).isEqualTo("SMTP_TEMPORARY_FAILURE");
        assertThat(newest.path("error").path("message").asString()).isEqualTo("The server kept refusing for now");
        assertThat(newest.path("createdAt").asString()).isEqualTo("2026-11-28T10:01:00Z");
        assertThat(newest.path("recipientCount").asInt()).isEqualTo(2);
        JsonNode retrying = response.json().path("content").get(1);
        assertThat(retrying.path("nextAttemptAt").asString()).isEqualTo("2026-11-28T10:01:00Z");
        assertThat(response.json().path("content").get(2).path("error").isNull()).isTrue();
        JsonNode unreadable = response.json().path("content").get(3);
        assertThat(unreadable.propertyNames()).doesNotContain("recipientCount", "possibleDuplicate", "nextAttemptAt");
        assertThat(unreadable.path("contractId").isNull()).isTrue();
        assertThat(unreadable.path("error").path("code").asString()).isEqualTo("INVALID_REQUEST");
        assertThat(response.body()).doesNotContain(TestDeliveries.ADDRESS, TestDeliveries.OLD_TICKET, "statusJson",
                "acceptedRecipients", "steps", "attempts", "ticket", "origin");
    }

    @Test
    void filtersByContractOutboxStatusAndSince() {
        mongo.save(failed("f-xpto", "xpto", "mbx-xpto-out", T0));
        mongo.save(rejected("r-xpto", "xpto", "mbx-default", T0.plusSeconds(10)));
        mongo.save(sent("s-acme", "acme", "mbx-default", T0.plusSeconds(20)));
        mongo.save(failed("f-acme", "acme", "mbx-default", T0.plusSeconds(30)));

        assertThat(requestIds(admin.get(DELIVERIES + "?contractId=xpto"))).containsExactly("r-xpto", "f-xpto");
        assertThat(requestIds(admin.get(DELIVERIES + "?outboxId=mbx-default")))
                .containsExactly("f-acme", "s-acme", "r-xpto");
        assertThat(requestIds(admin.get(DELIVERIES + "?status=FAILED"))).containsExactly("f-acme", "f-xpto");
        assertThat(requestIds(admin.get(DELIVERIES + "?status=FAILED,REJECTED")))
                .containsExactly("f-acme", "r-xpto", "f-xpto");
        assertThat(requestIds(admin.get(DELIVERIES + "?status=SENT&status=REJECTED")))
                .containsExactly("s-acme", "r-xpto");
        assertThat(requestIds(admin.get(DELIVERIES + "?since=2026-11-28T10:00:20Z")))
                .containsExactly("f-acme", "s-acme");
        assertThat(requestIds(admin.get(DELIVERIES + "?contractId=acme&outboxId=mbx-default&status=FAILED"
                + "&since=2026-11-28T10:00:00Z"))).containsExactly("f-acme");
        assertThat(requestIds(admin.get(DELIVERIES + "?contractId=nobody"))).isEmpty();
    }

    @Test
    void pagesThroughNewestFirstWithTotals() {
        for (int i = 1; i <= 5; i++) {
            mongo.save(sent("sr-page-" + i, "xpto", "mbx-xpto-out", T0.plusSeconds(i)));
        }

        Response first = admin.get(DELIVERIES + "?page=0&size=2");
        Response last = admin.get(DELIVERIES + "?page=2&size=2");

        assertThat(first.json().path("totalElements").asLong()).isEqualTo(5);
        assertThat(first.json().path("totalPages").asLong()).isEqualTo(3);
        assertThat(first.json().path("size").asInt()).isEqualTo(2);
        assertThat(requestIds(first)).containsExactly("sr-page-5", "sr-page-4");
        assertThat(last.json().path("page").asInt()).isEqualTo(2);
        assertThat(requestIds(last)).containsExactly("sr-page-1");
        assertThat(admin.get(DELIVERIES).json().path("size").asInt()).isEqualTo(50);
    }

    @Test
    void badParametersAreNamed() {
        Response response = admin.get(DELIVERIES + "?page=-1&size=0&status=FAILED,LOST&since=yesterday");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).containsExactlyInAnyOrder("page", "size", "status", "since");
        assertThat(response.errorMessage("status")).contains("SENDING", "REJECTED");
        assertThat(admin.get(DELIVERIES + "?size=" + (DeliveryLog.MAX_SIZE + 1)).errorFields())
                .containsExactly("size");
        assertThat(admin.get(DELIVERIES + "?page=first").errorFields()).containsExactly("page");
    }

    @Test
    void readsOneRequestWithItsAttempts() {
        mongo.save(failed("sr-4711-step-3", "xpto", "mbx-xpto-out", T0));

        Response response = admin.get(DELIVERIES + "/sr-4711-step-3");

        assertThat(response.status()).isEqualTo(200);
        JsonNode delivery = response.json();
        assertThat(delivery.path("requestId").asString()).isEqualTo("sr-4711-step-3");
        assertThat(delivery.path("attempts")).hasSize(3);
        JsonNode last = delivery.path("attempts").get(2);
        assertThat(last.path("attempt").asInt()).isEqualTo(3);
        assertThat(last.path("status").asString()).isEqualTo("FAILED");
        assertThat(last.path("at").asString()).isEqualTo("2026-11-28T10:00:03Z");
        assertThat(last.path("outboxMailboxId").asString()).isEqualTo("mbx-xpto-out");
        assertThat(last.path("smtpReply").asString()).isEqualTo("421 4.7.0 Try again later");
        assertThat(last.path("error").path("code").asString()).isEqualTo("SMTP_TEMPORARY_FAILURE");
        assertThat(response.body()).doesNotContain(TestDeliveries.ADDRESS, TestDeliveries.OLD_TICKET);
    }

    @Test
    void anUnknownRequestIsNotFound() {
        Response response = admin.get(DELIVERIES + "/sr-unknown");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("detail").asString()).contains("sr-unknown");
    }

    @Test
    void viewersReadTheLogButMayNotRedriveAnonymousCallersDoNeither() {
        mongo.save(failed("sr-viewed", "xpto", "mbx-xpto-out", T0));
        mongo.save(new ApiUser("deliveries-viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER),
                true, T0));
        ApiClient viewer = ApiClient.as(port, "deliveries-viewer", "viewer-pass");

        assertThat(viewer.get(DELIVERIES).status()).isEqualTo(200);
        assertThat(viewer.get(DELIVERIES + "/sr-viewed").status()).isEqualTo(200);
        assertThat(viewer.post(DELIVERIES + "/redrive", "{\"requestIds\": [\"sr-viewed\"]}").status())
                .isEqualTo(403);
        assertThat(ApiClient.anonymous(port).get(DELIVERIES).status()).isEqualTo(401);
        assertThat(mongo.findById("sr-viewed", DeliveryRecord.class).state().name()).isEqualTo("FAILED");
    }

    @Test
    void aRedriveBodyNamesRequestIdsOrAnOutboxExactlyOnce() {
        String redrive = DELIVERIES + "/redrive";

        assertThat(admin.post(redrive, "{}").errorFields()).containsExactly("requestIds");
        assertThat(admin.post(redrive, "{\"requestIds\": [\"a\"], \"outboxId\": \"mbx\"}").errorFields())
                .containsExactly("outboxId");
        assertThat(admin.post(redrive, "{\"requestIds\": []}").errorFields()).containsExactly("requestIds");
        assertThat(admin.post(redrive, "{\"requestIds\": \"sr-1\"}").errorFields()).containsExactly("requestIds");
        assertThat(admin.post(redrive, "{\"requestIds\": [\"ok\", \"has space\", 7]}").errorFields())
                .containsExactly("requestIds[1]", "requestIds[2]");
        assertThat(admin.post(redrive, "{\"outboxId\": \"a/b\"}").errorFields()).containsExactly("outboxId");
        assertThat(admin.post(redrive, "{\"outboxId\": \"mbx\", \"force\": true}").errorFields())
                .containsExactly("force");
        Response notAnObject = admin.post(redrive, "[\"sr-1\"]");
        assertThat(notAnObject.status()).isEqualTo(400);
        assertThat(notAnObject.errorFields()).containsExactly("$");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i <= 1000; i++) {
            tooMany.add("\"sr-" + i + "\"");
        }
        assertThat(admin.post(redrive, "{\"requestIds\": [" + String.join(",", tooMany) + "]}").errorFields())
                .containsExactly("requestIds");
    }

    @Test
    void theOpenApiDescriptionShowsTheLogItsFiltersAndTheRedriveBody() {
        JsonNode paths = admin.get("/v3/api-docs").json().path("paths");

        JsonNode list = paths.path(DELIVERIES).path("get");
        List<String> parameters = new ArrayList<>();
        list.path("parameters").forEach(parameter -> parameters.add(parameter.path("name").asString()));
        assertThat(parameters).containsExactly("contractId", "outboxId", "status", "since", "page", "size");
        assertThat(paths.path(DELIVERIES + "/{requestId}").path("get").path("responses").propertyNames())
                .contains("200", "default");
        JsonNode redrive = paths.path(DELIVERIES + "/redrive").path("post");
        assertThat(redrive.path("requestBody").path("content").path("application/json").path("schema").path("$ref")
                .asString()).isEqualTo("#/components/schemas/Redrive");
        assertThat(redrive.path("responses").propertyNames()).contains("202", "503", "default").doesNotContain("200");
        JsonNode accepted = redrive.path("responses").path("202");
        assertThat(accepted.path("content").path("*/*").path("schema").path("$ref").asString())
                .as(accepted.toString()).isEqualTo("#/components/schemas/RedriveOutcome");
        JsonNode outcome = admin.get("/v3/api-docs").json().path("components").path("schemas").path("RedriveOutcome");
        assertThat(outcome.path("properties").propertyNames())
                .containsExactly("redriven", "notFound", "notRedrivable", "failed");
    }

    static List<String> requestIds(Response page) {
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        page.json().path("content").forEach(item -> ids.add(item.path("requestId").asString()));
        return ids;
    }
}
