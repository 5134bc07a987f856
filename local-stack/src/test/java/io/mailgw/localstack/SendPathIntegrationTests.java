package io.mailgw.localstack;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.events.Topics;
import io.mailgw.testing.ForeignEngine;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The send path end to end: mailboxes, contracts and the default configured over config-service's
 * REST API; requests published as a foreign engine would, with a plain string producer and
 * hand-written JSON; mail read back from a real SMTP server; statuses read back from Kafka.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SendPathIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(false);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningGateway gateway;
    private static ForeignEngine engine;
    private static KafkaTopicTail statuses;
    private static KafkaTopicTail deadLetters;

    @BeforeAll
    static void startGateway() {
        gateway = RunningGateway.start("send-path", "--mailgw.outbound.retry.delays=1s,1s");
        engine = new ForeignEngine(TestInfrastructure.kafkaBootstrapServers());
        statuses = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.OUTBOUND_STATUS);
        deadLetters = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.OUTBOUND_REQUESTS_DLT);
        int port = smtp.getSmtp().getPort();
        gateway.apiOk("POST", "/api/v1/mailboxes", outbox("e2e-default-out", "noreply@gateway.example", true, port));
        gateway.apiOk("POST", "/api/v1/mailboxes", outbox("e2e-xpto-out", "soporte@xpto.example", true, port));
        gateway.apiOk("POST", "/api/v1/mailboxes", outbox("e2e-off-out", "off@offline.example", false, port));
        gateway.apiOk("POST", "/api/v1/contracts", "{\"id\":\"xpto\",\"name\":\"Empresa XPTO\",\"outboundMailboxId\":\"e2e-xpto-out\"}");
        gateway.apiOk("POST", "/api/v1/contracts", "{\"id\":\"unlinked\",\"name\":\"Sin buzón\"}");
        gateway.apiOk("POST", "/api/v1/contracts", "{\"id\":\"offlinked\",\"name\":\"Buzón apagado\",\"outboundMailboxId\":\"e2e-off-out\"}");
        gateway.apiOk("PUT", "/api/v1/settings", "{\"defaultOutboxId\":\"e2e-default-out\"}");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        statuses.close();
        deadLetters.close();
        engine.close();
        gateway.close();
    }

    @Test
    @Order(1)
    void rule1DefaultOutboxSendsThroughTheDefault() throws Exception {
        JsonNode status = sendAndAwaitFinal("xpto", "DEFAULT");

        assertThat(status.path("status").asString()).isEqualTo("SENT");
        assertThat(status.path("outboxResolution").asString()).isEqualTo("DEFAULT");
        assertThat(status.path("outboxMailboxId").asString()).isEqualTo("e2e-default-out");
        assertDelivered(status, "noreply@gateway.example");
    }

    @Test
    @Order(2)
    void rule2SpecificOutboxSendsThroughTheContractsOwn() throws Exception {
        JsonNode status = sendAndAwaitFinal("xpto", "SPECIFIC");

        assertThat(status.path("status").asString()).isEqualTo("SENT");
        assertThat(status.path("outboxResolution").asString()).isEqualTo("CONTRACT");
        assertDelivered(status, "soporte@xpto.example");
    }

    @Test
    @Order(3)
    void rule3ContractWithoutOutboxFallsBackToTheDefault() throws Exception {
        JsonNode unlinked = sendAndAwaitFinal("unlinked", "SPECIFIC");
        JsonNode disabled = sendAndAwaitFinal("offlinked", "SPECIFIC");

        for (JsonNode status : List.of(unlinked, disabled)) {
            assertThat(status.path("status").asString()).isEqualTo("SENT");
            assertThat(status.path("outboxResolution").asString()).isEqualTo("DEFAULT_FALLBACK");
            assertThat(status.path("outboxResolutionReason").asString()).isNotBlank();
            assertDelivered(status, "noreply@gateway.example");
        }
    }

    @Test
    @Order(4)
    void rule4UnknownContractIsRejectedAndNothingSent() throws Exception {
        JsonNode status = sendAndAwaitFinal("nobody", "SPECIFIC");

        assertThat(status.path("status").asString()).isEqualTo("REJECTED");
        assertThat(status.path("error").path("code").asString()).isEqualTo("UNKNOWN_CONTRACT");
        assertThat(status.path("context").path("stepId").asString()).isEqualTo(status.path("requestId").asString());
        assertThat(mailWithSubject(subjectOf(status))).isEmpty();
    }

    @Test
    @Order(5)
    void sameRequestIdPublishedTwiceGivesOneMail() throws Exception {
        String requestId = "twice-" + UUID.randomUUID();
        engine.publish(Topics.OUTBOUND_REQUESTS, "xpto", request(requestId, "xpto", "SPECIFIC", "ana@cliente.example"));
        engine.publish(Topics.OUTBOUND_REQUESTS, "xpto", request(requestId, "xpto", "SPECIFIC", "ana@cliente.example"));
        JsonNode after = sendAndAwaitFinal("xpto", "SPECIFIC");
        // the lane sends up to maxConnections requests at once: a later request may end first
        await().atMost(Duration.ofSeconds(60)).until(() -> !finalStatuses(requestId).isEmpty()
                && !mailWithSubject("Solicitud " + requestId).isEmpty());

        assertThat(after.path("status").asString()).isEqualTo("SENT");
        assertThat(finalStatuses(requestId).get(0).path("status").asString()).isEqualTo("SENT");
        assertThat(mailWithSubject("Solicitud " + requestId)).hasSize(1);
        assertThat(finalStatuses(requestId)).hasSize(1);
    }

    @Test
    @Order(6)
    void badEventsAreRejectedNamingTheFieldAndDoNotStopTheSender() throws Exception {
        String noRecipient = "bad-" + UUID.randomUUID();
        String crlfSubject = "bad-" + UUID.randomUUID();
        String unknown = "bad-" + UUID.randomUUID();
        String notJson = "this is not JSON " + UUID.randomUUID();
        engine.publish(Topics.OUTBOUND_REQUESTS, "xpto", notJson);
        engine.publish(Topics.OUTBOUND_REQUESTS, "xpto", "{\"requestId\":\"" + noRecipient
                + "\",\"contractId\":\"xpto\",\"to\":[],\"subject\":\"Hola\",\"text\":\"t\"}");
        engine.publish(Topics.OUTBOUND_REQUESTS, "xpto", "{\"requestId\":\"" + crlfSubject
                + "\",\"contractId\":\"xpto\",\"to\":[\"ana@cliente.example\"],\"subject\":\"Hola\\r\\nBcc: x@evil.example\",\"text\":\"t\"}");
        engine.publish(Topics.OUTBOUND_REQUESTS, "nobody", request(unknown, "nobody", "SPECIFIC", "ana@cliente.example"));
        JsonNode valid = sendAndAwaitFinal("xpto", "SPECIFIC");

        assertThat(valid.path("status").asString()).isEqualTo("SENT");
        assertDelivered(valid, "soporte@xpto.example");
        assertThat(rejection(noRecipient).path("message").asString()).contains("to");
        assertThat(rejection(crlfSubject).path("message").asString()).contains("subject");
        assertThat(rejection(unknown).path("code").asString()).isEqualTo("UNKNOWN_CONTRACT");
        await().untilAsserted(() -> assertThat(deadLetters.records()).anySatisfy(record -> {
            assertThat(record.value()).isEqualTo(notJson);
            assertThat(CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.DLT_ERROR_CODE)).isNotBlank();
            assertThat(CloudEventHeaders.lastValue(record.headers(), CloudEventHeaders.DLT_ERROR_MESSAGE)).contains("JSON");
        }));
        assertThat(deadLetters.records()).extracting(ConsumerRecord::value)
                .anySatisfy(value -> assertThat(value).contains(noRecipient))
                .anySatisfy(value -> assertThat(value).contains(crlfSubject))
                .anySatisfy(value -> assertThat(value).contains(unknown));
    }

    @Test
    @Order(7)
    void withoutAUsableDefaultARequestRetriesThenFails() throws Exception {
        gateway.apiOk("PUT", "/api/v1/settings", "{\"defaultOutboxId\":null}");
        try {
            JsonNode status = sendAndAwaitFinal("unlinked", "SPECIFIC");

            assertThat(status.path("status").asString()).isEqualTo("FAILED");
            assertThat(statusesOf(status.path("requestId").asString()))
                    .anySatisfy(earlier -> {
                        assertThat(earlier.path("status").asString()).isEqualTo("RETRYING");
                        assertThat(earlier.path("error").path("code").asString()).isEqualTo("NO_OUTBOX");
                    });
            assertThat(mailWithSubject(subjectOf(status))).isEmpty();
        }
        finally {
            gateway.apiOk("PUT", "/api/v1/settings", "{\"defaultOutboxId\":\"e2e-default-out\"}");
        }
    }

    private static JsonNode sendAndAwaitFinal(String contractId, String outbox) throws Exception {
        String requestId = "e2e-" + UUID.randomUUID();
        engine.publish(Topics.OUTBOUND_REQUESTS, contractId, request(requestId, contractId, outbox, "Ana <ana@cliente.example>"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !finalStatuses(requestId).isEmpty());
        JsonNode status = finalStatuses(requestId).get(0);
        assertThat(status.path("context").path("flowId").asString()).isEqualTo("incident-default");
        assertThat(status.path("context").path("stepId").asString()).isEqualTo(requestId);
        return status;
    }

    /** Hand-written JSON, as an engine in any language would write it. */
    private static String request(String requestId, String contractId, String outbox, String to) {
        return """
                {"requestId": "%s", "contractId": "%s", "outbox": "%s",
                 "to": ["%s"], "subject": "Solicitud %s", "text": "Su solicitud fue registrada.",
                 "context": {"flowId": "incident-default", "stepId": "%s"}}
                """.formatted(requestId, contractId, outbox, to, requestId, requestId);
    }

    private static void assertDelivered(JsonNode status, String expectedFrom) throws MessagingException {
        await().untilAsserted(() -> assertThat(mailWithSubject(subjectOf(status))).hasSize(1));
        MimeMessage mail = mailWithSubject(subjectOf(status)).get(0);
        assertThat(mail.getFrom()[0].toString()).contains(expectedFrom);
        assertThat(mail.getHeader("To", ",")).contains("ana@cliente.example");
        assertThat(GreenMailUtil.getBody(mail)).contains("Su solicitud fue registrada.");
        assertThat(mail.getHeader("Auto-Submitted", ",")).isEqualTo("auto-generated");
    }

    private static String subjectOf(JsonNode status) {
        return "Solicitud " + status.path("requestId").asString();
    }

    private static List<MimeMessage> mailWithSubject(String subject) {
        return Arrays.stream(smtp.getReceivedMessages()).filter(mail -> {
            try {
                return subject.equals(mail.getSubject());
            }
            catch (MessagingException ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

    private static List<JsonNode> statusesOf(String requestId) {
        return statuses.withKey(requestId).stream().map(record -> JSON.readTree(record.value())).toList();
    }

    private static List<JsonNode> finalStatuses(String requestId) {
        return statusesOf(requestId).stream().filter(status -> !"RETRYING".equals(status.path("status").asString()))
                .toList();
    }

    private static JsonNode rejection(String requestId) {
        await().until(() -> !finalStatuses(requestId).isEmpty());
        JsonNode status = finalStatuses(requestId).get(0);
        assertThat(status.path("status").asString()).isEqualTo("REJECTED");
        return status.path("error");
    }

    private static String outbox(String id, String from, boolean enabled, int port) {
        return """
                {"id": "%s", "name": "Outbox %s", "type": "OUTBOUND", "enabled": %s,
                 "host": "127.0.0.1", "port": %d, "security": "NONE", "authRequired": false,
                 "fromAddress": "%s", "fromName": "Gateway"}
                """.formatted(id, id, enabled, port, from);
    }
}
