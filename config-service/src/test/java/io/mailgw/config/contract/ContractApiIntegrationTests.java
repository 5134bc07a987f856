package io.mailgw.config.contract;

import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.TestMailboxes;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ContractApiIntegrationTests extends AbstractApiIntegrationTests {

    private static final String CONTRACTS = "/api/v1/contracts";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-contract-api");
    }

    @Test
    void createsReadsReplacesAndDeletesContract() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-xpto-out"));

        Response created = admin.post(CONTRACTS, TestMailboxes.contract("xpto", "mbx-xpto-out"));
        Response replaced = admin.put(CONTRACTS + "/xpto", "{\"name\": \"Empresa XPTO S.A.\"}");
        Response listed = admin.get(CONTRACTS);
        Response deleted = admin.delete(CONTRACTS + "/xpto");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.location()).isEqualTo(CONTRACTS + "/xpto");
        assertThat(created.json().path("outboundMailboxId").asString()).isEqualTo("mbx-xpto-out");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("name").asString()).isEqualTo("Empresa XPTO S.A.");
        assertThat(replaced.json().path("outboundMailboxId").isNull()).isTrue();
        assertThat(replaced.json().path("createdAt")).isEqualTo(created.json().path("createdAt"));
        assertThat(listed.json().findValuesAsString("id")).contains("xpto");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get(CONTRACTS + "/xpto").status()).isEqualTo(404);
    }

    @Test
    void generatesIdWhenNoneIsGiven() {
        Response created = admin.post(CONTRACTS, "{\"name\": \"Sin id\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("id").asString()).matches("ctr-[0-9a-f]{12}");
        assertThat(admin.get(created.location()).status()).isEqualTo(200);
    }

    @Test
    void outboxMustBeAnExistingOutboundMailbox() {
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-ctr-in"));

        Response inbound = admin.post(CONTRACTS, TestMailboxes.contract("ctr-in", "mbx-ctr-in"));
        Response missing = admin.post(CONTRACTS, TestMailboxes.contract("ctr-none", "mbx-nowhere"));

        assertThat(inbound.status()).isEqualTo(400);
        assertThat(inbound.errorFields()).containsExactly("outboundMailboxId");
        assertThat(inbound.errorMessage("outboundMailboxId")).contains("INBOUND");
        assertThat(missing.errorFields()).containsExactly("outboundMailboxId");
        assertThat(admin.get(CONTRACTS + "/ctr-in").status()).isEqualTo(404);
    }

    @Test
    void namesMissingNameBadIdAndUnknownField() {
        Response response = admin.post(CONTRACTS, "{\"id\": \"not valid!\", \"outbox\": \"x\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("id", "name", "outbox");
    }

    @Test
    void answersConflictForTakenIdAndKeepsTheIdOnReplace() {
        admin.post(CONTRACTS, TestMailboxes.contract("ctr-taken", null));

        Response again = admin.post(CONTRACTS, TestMailboxes.contract("ctr-taken", null));
        Response renamed = admin.put(CONTRACTS + "/ctr-taken", TestMailboxes.contract("ctr-renamed", null));

        assertThat(again.status()).isEqualTo(409);
        assertThat(renamed.status()).isEqualTo(400);
        assertThat(renamed.errorFields()).containsExactly("id");
    }

    @Test
    void refusesToDeleteContractThatStillHasMailboxes() {
        admin.post(CONTRACTS, TestMailboxes.contract("ctr-busy", null));
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-busy-in")
                .replace("\"type\"", "\"contractId\": \"ctr-busy\", \"type\""));

        Response refused = admin.delete(CONTRACTS + "/ctr-busy");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("detail").asString()).contains("mbx-busy-in");
        assertThat(refused.json().path("referencedBy").findValuesAsString("field")).containsExactly("contractId");
        assertThat(admin.get(CONTRACTS + "/ctr-busy").status()).isEqualTo(200);
    }
}
