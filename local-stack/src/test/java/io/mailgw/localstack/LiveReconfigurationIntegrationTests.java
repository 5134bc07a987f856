package io.mailgw.localstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.Topics;
import io.mailgw.testing.ForeignEngine;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Configuration changed over the REST API while the gateway runs takes effect without a restart:
 * the poller and the sender read mailboxes, contracts and settings from MongoDB on every tick and
 * for every request, and keep no copy that could go stale.
 */
class LiveReconfigurationIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    /** A second SMTP server, where an outbox is moved to. */
    @RegisterExtension
    static final GreenMailExtension otherSmtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MAILBOXES = "/api/v1/mailboxes";
    private static final Duration A_WHILE = Duration.ofSeconds(60);

    private static RunningGateway gateway;
    private static ForeignEngine engine;
    private static KafkaTopicTail inbound;
    private static KafkaTopicTail statuses;

    @BeforeAll
    static void startGateway() {
        gateway = RunningGateway.start("live-reconfiguration", "--mailgw.outbound.retry.delays=1s,1s");
        engine = new ForeignEngine(TestInfrastructure.kafkaBootstrapServers());
        inbound = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.INBOUND_MESSAGES);
        statuses = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.OUTBOUND_STATUS);
        gateway.apiOk("POST", MAILBOXES, outbox("live-default-out", "noreply@gateway.example",
                mailServer.getSmtp().getPort()));
        gateway.apiOk("PUT", "/api/v1/settings", "{\"defaultOutboxId\": \"live-default-out\"}");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        inbound.close();
        statuses.close();
        engine.close();
        gateway.close();
    }

    @Test
    void aMailboxSwitchedOffIsNoLongerPolledAndSwitchedOnAgainItIs() {
        mailServer.setUser("desk@live.example", "desk@live.example", "Desk-Pa55");
        gateway.apiOk("POST", "/api/v1/contracts", "{\"id\": \"live-in\", \"name\": \"Entrada\"}");
        gateway.apiOk("POST", MAILBOXES, inbox(true, "\"password\": \"Desk-Pa55\","));
        String before = deliver("desk@live.example");
        await().atMost(A_WHILE).until(() -> !inboundWithSubject(before).isEmpty());

        gateway.apiOk("PUT", MAILBOXES + "/live-desk-in", inbox(false, ""));
        String after = deliver("desk@live.example");

        // more than two poll intervals of 10 s pass without the mail being read
        await().during(Duration.ofSeconds(25)).atMost(Duration.ofSeconds(30))
                .until(() -> inboundWithSubject(after).isEmpty());
        gateway.apiOk("PUT", MAILBOXES + "/live-desk-in", inbox(true, ""));
        await().atMost(A_WHILE).until(() -> !inboundWithSubject(after).isEmpty());
        assertThat(inboundWithSubject(before)).hasSize(1);
    }

    @Test
    void aMovedOutboxIsUsedForTheNextSend() throws Exception {
        gateway.apiOk("POST", MAILBOXES, outbox("live-moving-out", "moving@live.example",
                mailServer.getSmtp().getPort()));
        gateway.apiOk("POST", "/api/v1/contracts", contract("live-moving", "\"live-moving-out\""));
        JsonNode first = sendAndAwaitSent("live-moving");
        assertThat(received(mailServer, first)).hasSize(1);

        gateway.apiOk("PUT", MAILBOXES + "/live-moving-out", outbox("live-moving-out", "moving@live.example",
                otherSmtp.getSmtp().getPort()));
        JsonNode second = sendAndAwaitSent("live-moving");

        assertThat(second.path("outboxMailboxId").asString()).isEqualTo("live-moving-out");
        await().untilAsserted(() -> assertThat(received(otherSmtp, second)).hasSize(1));
        assertThat(received(mailServer, second)).isEmpty();
        assertThat(received(otherSmtp, first)).isEmpty();
    }

    @Test
    void aNewlyLinkedContractOutboxIsUsedByTheNextSpecificRequest() throws Exception {
        gateway.apiOk("POST", MAILBOXES, outbox("live-own-out", "own@live.example", mailServer.getSmtp().getPort()));
        gateway.apiOk("POST", "/api/v1/contracts", contract("live-linking", "null"));
        JsonNode beforeLink = sendAndAwaitSent("live-linking");

        gateway.apiOk("PUT", "/api/v1/contracts/live-linking", contract("live-linking", "\"live-own-out\""));
        JsonNode afterLink = sendAndAwaitSent("live-linking");

        assertThat(beforeLink.path("outboxResolution").asString()).isEqualTo("DEFAULT_FALLBACK");
        assertThat(beforeLink.path("outboxMailboxId").asString()).isEqualTo("live-default-out");
        assertThat(afterLink.path("outboxResolution").asString()).isEqualTo("CONTRACT");
        assertThat(afterLink.path("outboxMailboxId").asString()).isEqualTo("live-own-out");
        await().untilAsserted(() -> assertThat(received(mailServer, afterLink)).hasSize(1));
        assertThat(received(mailServer, afterLink).get(0).getFrom()[0].toString()).contains("own@live.example");
        assertThat(received(mailServer, beforeLink).get(0).getFrom()[0].toString())
                .contains("noreply@gateway.example");
    }

    private static String deliver(String address) {
        String subject = "Consulta " + UUID.randomUUID();
        GreenMailUtil.sendTextEmail(address, "ana@cliente.example", subject, "Hola.",
                mailServer.getSmtp().getServerSetup());
        return subject;
    }

    private static List<JsonNode> inboundWithSubject(String subject) {
        return inbound.records().stream().map(record -> JSON.readTree(record.value()))
                .filter(event -> subject.equals(event.path("subject").asString())).toList();
    }

    /** Publishes a SPECIFIC request for the contract and waits for its SENT status. */
    private static JsonNode sendAndAwaitSent(String contractId) throws Exception {
        String requestId = "live-" + UUID.randomUUID();
        engine.publish(Topics.OUTBOUND_REQUESTS, contractId, """
                {"requestId": "%s", "contractId": "%s", "outbox": "SPECIFIC", "to": ["ana@cliente.example"],
                 "subject": "Solicitud %s", "text": "Registrada."}
                """.formatted(requestId, contractId, requestId));
        await().atMost(A_WHILE).until(() -> statuses.withKey(requestId).stream()
                .anyMatch(record -> !record.value().contains("\"RETRYING\"")));
        JsonNode status = JSON.readTree(statuses.withKey(requestId).get(statuses.withKey(requestId).size() - 1)
                .value());
        assertThat(status.path("status").asString()).isEqualTo("SENT");
        return status;
    }

    private static List<MimeMessage> received(GreenMailExtension server, JsonNode status) {
        String subject = "Solicitud " + status.path("requestId").asString();
        return Arrays.stream(server.getReceivedMessages()).filter(mail -> {
            try {
                return subject.equals(mail.getSubject());
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private static String inbox(boolean enabled, String password) {
        return """
                {"id": "live-desk-in", "name": "Mesa", "type": "INBOUND", "enabled": %s, "contractId": "live-in",
                 "host": "127.0.0.1", "port": %d, "username": "desk@live.example", %s
                 "protocol": "IMAP", "folder": "INBOX", "pollIntervalSeconds": 10, "afterRead": "MARK_SEEN",
                 "startFrom": "ALL", "requireTls": false}
                """.formatted(enabled, mailServer.getImap().getPort(), password);
    }

    private static String outbox(String id, String from, int port) {
        return """
                {"id": "%s", "name": "Outbox %s", "type": "OUTBOUND", "host": "127.0.0.1", "port": %d,
                 "security": "NONE", "authRequired": false, "fromAddress": "%s"}
                """.formatted(id, id, port, from);
    }

    private static String contract(String id, String outboundMailboxId) {
        return "{\"id\": \"" + id + "\", \"name\": \"Contrato " + id + "\", \"outboundMailboxId\": "
                + outboundMailboxId + "}";
    }
}
