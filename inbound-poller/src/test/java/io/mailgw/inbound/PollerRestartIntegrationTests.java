package io.mailgw.inbound;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.events.MailReceived;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poller that stops and a new one that starts on the same MongoDB and Kafka: mail read before
 * the restart is not published again, mail that arrived meanwhile is published once.
 */
class PollerRestartIntegrationTests {

    private static final String PASSWORD = "restart-Pa55";
    private static final String IMAP_ID = "mbx-restart-imap";
    private static final String POP3_ID = "mbx-restart-pop3";
    private static final String IMAP_USER = "restart-imap@xpto.example";
    private static final String POP3_USER = "restart-pop3@xpto.example";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_POP3_IMAP)).withPerMethodLifecycle(false);

    private static InboundTopic topic;

    @BeforeAll
    static void users() {
        greenMail.setUser(IMAP_USER, IMAP_USER, PASSWORD);
        greenMail.setUser(POP3_USER, POP3_USER, PASSWORD);
    }

    @AfterAll
    static void closeTopic() throws InterruptedException {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void restartedPollerPublishesNoDuplicateAndCatchesUp() throws Exception {
        sendToBoth("Antes del reinicio 1");
        sendToBoth("Antes del reinicio 2");

        try (ConfigurableApplicationContext first = startPoller()) {
            MailboxRepository mailboxes = first.getBean(MailboxRepository.class);
            mailboxes.save(TestMailboxes.imapInbox(IMAP_ID, greenMail.getImap().getPort(), IMAP_USER, PASSWORD));
            mailboxes.save(TestMailboxes.pop3Inbox(POP3_ID, greenMail.getPop3().getPort(), POP3_USER, PASSWORD));
            topic = new InboundTopic();
            awaitSubjects(IMAP_ID, 2);
            awaitSubjects(POP3_ID, 2);
        }

        sendToBoth("Durante el reinicio");

        try (ConfigurableApplicationContext second = startPoller()) {
            awaitSubjects(IMAP_ID, 3);
            awaitSubjects(POP3_ID, 3);
            awaitTwoMorePolls(second.getBean(MailboxStatusRecorder.class), IMAP_ID);
            awaitTwoMorePolls(second.getBean(MailboxStatusRecorder.class), POP3_ID);
            int port = second.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            assertThat(get(port, "/actuator/health", null)).contains("\"status\":\"UP\"");
            seedAdmin(second.getBean(MongoOperations.class));
            assertThat(get(port, "/actuator/prometheus", "ops:admin-Pa55"))
                    .contains("mailgw_inbound_messages_published_total{mailbox=\"" + IMAP_ID + "\"")
                    .contains("mailgw_inbound_fetch_seconds_count{protocol=\"IMAP\"}")
                    .contains("mailgw_inbound_fetch_seconds_count{protocol=\"POP3\"}")
                    .contains("mailgw_inbound_idle_connections ")
                    .contains("mailgw_inbound_mailboxes 2.0")
                    .contains("mailgw_inbound_lease_moves_total{change=\"claimed\"}")
                    .contains("mailgw_inbound_schedule_delay_seconds_count")
                    .contains("mailgw_inbound_poll_seconds_count{outcome=\"success\"}");
        }

        for (String mailboxId : List.of(IMAP_ID, POP3_ID)) {
            List<MailReceived> events = topic.eventsOf(mailboxId);
            assertThat(events).extracting(MailReceived::subject)
                    .containsExactly("Antes del reinicio 1", "Antes del reinicio 2", "Durante el reinicio");
            assertThat(events).extracting(MailReceived::eventId).doesNotHaveDuplicates();
        }
    }

    /** Starts a poller as its main method would, settings given as command-line arguments (they win over the file). */
    private static ConfigurableApplicationContext startPoller() {
        return InboundPollerApplication.application().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                "--spring.mongodb.uri=" + TestInfrastructure.mongoUri("inbound-restart-tests"),
                "--mailgw.secret-key=" + TestInfrastructure.TEST_SECRET_KEY,
                "--mailgw.connect-allow=" + TestInfrastructure.CONNECT_ALLOW,
                "--mailgw.connect-ports=" + TestInfrastructure.CONNECT_PORTS,
                "--mailgw.inbound.tick=200ms",
                "--mailgw.inbound.min-poll-interval=1s");
    }

    /** The actuator's metrics take a config-service user with role ADMIN. */
    private static void seedAdmin(MongoOperations mongo) {
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("admin-Pa55");
        mongo.save(new Document("_id", "ops").append("passwordHash", hash).append("roles", List.of("ADMIN"))
                .append("enabled", true), "users");
    }

    private static String get(int port, String path, String credentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (credentials != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
        return response.body();
    }

    private static void sendToBoth(String subject) {
        TestMail.send(greenMail.getSmtp().getPort(), IMAP_USER, subject, "texto");
        TestMail.send(greenMail.getSmtp().getPort(), POP3_USER, subject, "texto");
    }

    private static void awaitSubjects(String mailboxId, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(topic.recordsOf(mailboxId)).hasSizeGreaterThanOrEqualTo(count));
    }

    private static void awaitTwoMorePolls(MailboxStatusRecorder status, String mailboxId) {
        Instant after = Instant.now().plusSeconds(2);
        await().atMost(WAIT).untilAsserted(() -> assertThat(status.read(mailboxId).lastSuccessAt())
                .isNotNull().isAfter(after));
    }
}
