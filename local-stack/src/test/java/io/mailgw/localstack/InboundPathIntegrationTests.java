package io.mailgw.localstack;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.Topics;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound path end to end: IMAP and POP3 mailboxes created over the REST API, mail delivered
 * to the mail server over SMTP, each message read back from {@code mail.inbound.messages} exactly once.
 */
class InboundPathIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP)).withPerMethodLifecycle(false);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningGateway gateway;
    private static KafkaTopicTail inbound;

    @BeforeAll
    static void startGateway() {
        gateway = RunningGateway.start("inbound-path");
        inbound = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), Topics.INBOUND_MESSAGES);
        gateway.apiOk("POST", "/api/v1/contracts", "{\"id\":\"acme\",\"name\":\"ACME\"}");
    }

    @AfterAll
    static void stopGateway() throws Exception {
        inbound.close();
        gateway.close();
    }

    @Test
    void imapMailAppearsExactlyOnceWithItsContract() {
        mailServer.setUser("imap-desk@acme.example", "imap-desk@acme.example", "Imap-Pa55");
        gateway.apiOk("POST", "/api/v1/mailboxes", inbox("e2e-imap-in", "IMAP", mailServer.getImap().getPort(),
                "imap-desk@acme.example", "Imap-Pa55", "MARK_SEEN"));

        assertReadOnce("e2e-imap-in", "imap-desk@acme.example");
    }

    @Test
    void pop3MailAppearsExactlyOnceWithItsContract() {
        mailServer.setUser("pop-desk@acme.example", "pop-desk@acme.example", "Pop-Pa55");
        gateway.apiOk("POST", "/api/v1/mailboxes", inbox("e2e-pop3-in", "POP3", mailServer.getPop3().getPort(),
                "pop-desk@acme.example", "Pop-Pa55", "NONE"));

        assertReadOnce("e2e-pop3-in", "pop-desk@acme.example");
    }

    private static void assertReadOnce(String mailboxId, String address) {
        String subject = "No funciona la impresora " + UUID.randomUUID();
        GreenMailUtil.sendTextEmail(address, "ana@cliente.example", subject, "La impresora no imprime.",
                mailServer.getSmtp().getServerSetup());

        await().atMost(Duration.ofSeconds(60)).until(() -> !withSubject(subject).isEmpty());
        JsonNode event = withSubject(subject).get(0);
        assertThat(event.path("eventId").asString()).startsWith(mailboxId + ":");
        assertThat(event.path("mailboxId").asString()).isEqualTo(mailboxId);
        assertThat(event.path("contractId").asString()).isEqualTo("acme");
        assertThat(event.path("from").path("address").asString()).isEqualTo("ana@cliente.example");
        assertThat(event.path("text").asString()).contains("La impresora no imprime.");
        // two more poll intervals pass without a second copy
        await().pollDelay(Duration.ofSeconds(21)).atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(withSubject(subject)).hasSize(1));
    }

    private static List<JsonNode> withSubject(String subject) {
        return inbound.records().stream().map(record -> JSON.readTree(record.value()))
                .filter(event -> subject.equals(event.path("subject").asString())).toList();
    }

    private static String inbox(String id, String protocol, int port, String user, String password, String afterRead) {
        return """
                {"id": "%s", "name": "Mesa de ayuda %s", "type": "INBOUND", "enabled": true, "contractId": "acme",
                 "host": "127.0.0.1", "port": %d, "username": "%s", "password": "%s",
                 "protocol": "%s", "folder": "INBOX", "pollIntervalSeconds": 10, "afterRead": "%s", "startFrom": "ALL",
                 "requireTls": false}
                """.formatted(id, protocol, port, user, password, protocol, afterRead);
    }
}
