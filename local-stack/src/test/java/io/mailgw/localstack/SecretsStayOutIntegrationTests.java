package io.mailgw.localstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mailgw.events.Topics;
import io.mailgw.localstack.RunningGateway.Response;
import io.mailgw.testing.ForeignEngine;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No secret leaves the gateway: a run at DEBUG (the gateway's own loggers, Spring's web and
 * security, the token client's HTTP) that creates, tests, uses and changes mailboxes with passwords
 * (a connection test of unsaved values too), polls an inbox, sends through an outbox with SMTP AUTH,
 * fails a login on purpose both ways, creates a user (once with a body that is not JSON), exports,
 * imports and reads the audit; does the same with OAuth2 mailboxes (a client secret, a refresh
 * token the provider rotates, a service account key, and the access tokens a real HTTPS token
 * endpoint issues, sent over SASL XOAUTH2); and then searches everything it produced for each
 * secret and for the forms in which HTTP Basic, SMTP AUTH and XOAUTH2 carry them: the captured log,
 * every response, every record (and header) on every gateway topic, and the audit collection.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsStayOutIntegrationTests {

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    private static final String DATABASE = "secrets-stay-out";
    private static final String INBOX_PASSWORD = "Inb0x-Secr3t-7781";
    private static final String OUTBOX_PASSWORD = "0utb0x-Secr3t-4410";
    private static final String WRONG_PASSWORD = "Wr0ng-Secr3t-9923";
    private static final String CHANGED_PASSWORD = "Ch4nged-Secr3t-3306";
    private static final String IMPORTED_PASSWORD = "Imp0rted-Secr3t-6120";
    private static final String USER_PASSWORD = "Us3r-Secr3t-5512";
    private static final String UNSAVED_PASSWORD = "Uns4ved-Secr3t-2207";
    /** Sent unquoted, so that the body is not JSON and the parser's message would quote it. */
    private static final String MALFORMED_PASSWORD = "Unquoted5ecret8841";
    private static final Duration A_WHILE = Duration.ofSeconds(60);
    private static final String CLIENT_SECRET = "Cl13nt-Secr3t-6604";
    private static final String ACCESS_TOKEN = "Acc3ss-T0ken-3391";
    private static final String OAUTH2_USER = "oauth";
    private static final TestOAuth2Provider PROVIDER = TestOAuth2Provider.start();
    private static String refreshToken;
    private static ServiceAccount serviceAccount;

    private static RunningGateway gateway;
    private static ForeignEngine engine;
    private static final Map<String, KafkaTopicTail> topics = new LinkedHashMap<>();
    private static final List<String> responses = new ArrayList<>();

    @BeforeAll
    static void runEverythingThatTouchesAPassword() throws Exception {
        gateway = RunningGateway.start(DATABASE, "--mailgw.outbound.retry.delays=1s,1s",
                "--logging.level.io.mailgw=DEBUG", "--logging.level.org.springframework.web=DEBUG",
                "--logging.level.org.springframework.security=DEBUG",
                "--logging.level.org.apache.hc.client5=DEBUG",
                "--mailgw.oauth2.trusted-certificate-pem=" + TestCertificate.pem());
        engine = new ForeignEngine(TestInfrastructure.kafkaBootstrapServers());
        mailServer.setUser("desk@secret.example", "desk", INBOX_PASSWORD);
        mailServer.setUser("sender@secret.example", "sender", OUTBOX_PASSWORD);
        tailEveryGatewayTopic();

        api("POST", "/api/v1/users", "{\"name\": \"auditor\", \"role\": \"VIEWER\", \"password\": \""
                + USER_PASSWORD + "\"}");
        api("POST", "/api/v1/contracts", "{\"id\": \"secret\", \"name\": \"Secret\"}");
        api("POST", "/api/v1/mailboxes", inbox("secret-in", INBOX_PASSWORD));
        api("POST", "/api/v1/mailboxes", inbox("secret-wrong-in", WRONG_PASSWORD));
        api("POST", "/api/v1/mailboxes", outbox("secret-out", OUTBOX_PASSWORD));
        api("POST", "/api/v1/mailboxes", outbox("secret-wrong-out", WRONG_PASSWORD));
        api("PUT", "/api/v1/contracts/secret", "{\"name\": \"Secret\", \"outboundMailboxId\": \"secret-out\"}");
        api("PUT", "/api/v1/settings", "{\"defaultOutboxId\": \"secret-wrong-out\"}");
        assertThat(api("POST", "/api/v1/mailboxes/secret-in/test", null).body()).contains("\"ok\":true");
        assertThat(api("POST", "/api/v1/mailboxes/secret-out/test", null).body()).contains("\"ok\":true");
        assertThat(api("POST", "/api/v1/mailboxes/secret-wrong-in/test", null).body()).contains("AUTH_FAILED");
        assertThat(api("POST", "/api/v1/mailboxes/secret-wrong-out/test", null).body()).contains("AUTH_FAILED");
        assertThat(api("POST", "/api/v1/mailboxes/test", inbox("secret-unsaved-in", UNSAVED_PASSWORD)).body())
                .contains("AUTH_FAILED");

        String subject = "Consulta " + UUID.randomUUID();
        GreenMailUtil.sendTextEmail("desk@secret.example", "ana@cliente.example", subject, "Hola.",
                mailServer.getSmtp().getServerSetup());
        await().atMost(A_WHILE).until(() -> topic(Topics.INBOUND_MESSAGES).records().stream()
                .anyMatch(record -> record.value().contains(subject)));
        awaitStatusSaying(send("secret", "SPECIFIC"), "SENT");
        awaitStatusSaying(send("secret", "DEFAULT"), "SMTP_AUTH_FAILED");
        String unknown = "secret-" + UUID.randomUUID();
        engine.publish(Topics.OUTBOUND_REQUESTS, "nobody", """
                {"requestId": "%s", "contractId": "no-such-contract", "outbox": "SPECIFIC",
                 "to": ["ana@cliente.example"], "subject": "Solicitud", "text": "Registrada."}
                """.formatted(unknown));
        awaitStatusSaying(unknown, "REJECTED");
        await().atMost(A_WHILE).until(() -> api("GET", "/api/v1/mailboxes/secret-wrong-in/status", null).body()
                .contains("AUTH_FAILED"));

        api("PUT", "/api/v1/mailboxes/secret-in", inbox("secret-in", CHANGED_PASSWORD));
        api("PUT", "/api/v1/users/auditor", "{\"password\": \"" + CHANGED_PASSWORD + "x\"}");
        api("GET", "/api/v1/export", null);
        api("POST", "/api/v1/import", "{\"mailboxes\": [" + inbox("secret-imported-in", IMPORTED_PASSWORD) + "]}");
        api("POST", "/api/v1/import", "{\"mailboxes\": [" + inbox("secret-bad-in", IMPORTED_PASSWORD)
                .replace("10,", "1,") + "]}");
        api("POST", "/api/v1/mailboxes", inbox("secret-bad-in", WRONG_PASSWORD).replace("\"IMAP\"", "\"IMAP4\""));
        api("POST", "/api/v1/users", "{\"name\": \"mallory\", \"role\": \"VIEWER\", \"password\": "
                + MALFORMED_PASSWORD + "}");
        api("GET", "/api/v1/audit?size=500", null);
        api("GET", "/api/v1/mailboxes", null);
        await().atMost(A_WHILE).until(() -> topic(Topics.CONFIG_CHANGES).records().stream()
                .anyMatch(record -> "secret-imported-in".equals(record.key())));
        runEverythingThatTouchesAnOAuth2Secret();
    }

    /** OAuth2 mailboxes created, tested, read and sent through, their tokens over XOAUTH2. */
    private static void runEverythingThatTouchesAnOAuth2Secret() throws Exception {
        PROVIDER.registerClient("secret-client", CLIENT_SECRET);
        PROVIDER.rotateRefreshTokens(true);
        PROVIDER.issueAccessTokensAs(ACCESS_TOKEN);
        refreshToken = PROVIDER.issueRefreshToken("secret-client");
        serviceAccount = ServiceAccount.create("gateway@secret.iam.gserviceaccount.com");
        PROVIDER.trustAssertionsOf(serviceAccount.email(), serviceAccount.publicKey());
        mailServer.setUser(OAUTH2_USER + "@secret.example", OAUTH2_USER, ACCESS_TOKEN);
        api("POST", "/api/v1/contracts", "{\"id\": \"secret-oauth2\", \"name\": \"Secret OAuth2\"}");
        api("POST", "/api/v1/mailboxes", oauth2Inbox("secret-oauth2-in", "\"grant\": \"CLIENT_CREDENTIALS\", "
                + "\"clientSecret\": \"" + CLIENT_SECRET + "\""));
        api("POST", "/api/v1/mailboxes", oauth2Inbox("secret-jwt-in", "\"grant\": \"JWT_BEARER\", "
                + "\"serviceAccountKey\": " + serviceAccount.keyJson()));
        api("POST", "/api/v1/mailboxes", oauth2Outbox());
        api("PUT", "/api/v1/contracts/secret-oauth2", "{\"name\": \"Secret OAuth2\", "
                + "\"outboundMailboxId\": \"secret-oauth2-out\"}");
        assertThat(api("POST", "/api/v1/mailboxes/secret-oauth2-in/test", null).body()).contains("\"ok\":true");
        assertThat(api("POST", "/api/v1/mailboxes/secret-jwt-in/test", null).body()).contains("\"ok\":true");
        assertThat(api("POST", "/api/v1/mailboxes/secret-oauth2-out/test", null).body()).contains("\"ok\":true");
        assertThat(api("POST", "/api/v1/mailboxes/test", oauth2Inbox("secret-oauth2-unsaved", "\"grant\": "
                + "\"CLIENT_CREDENTIALS\", \"clientSecret\": \"" + CLIENT_SECRET + "\"")).body())
                .contains("\"ok\":true");

        String subject = "OAuth2 " + UUID.randomUUID();
        GreenMailUtil.sendTextEmail(OAUTH2_USER + "@secret.example", "ana@cliente.example", subject, "Hola.",
                mailServer.getSmtp().getServerSetup());
        await().atMost(A_WHILE).until(() -> topic(Topics.INBOUND_MESSAGES).records().stream()
                .anyMatch(record -> record.value().contains(subject)));
        awaitStatusSaying(send("secret-oauth2", "SPECIFIC"), "SENT");
        api("GET", "/api/v1/mailboxes/secret-oauth2-out", null);
        api("GET", "/api/v1/export", null);
        api("GET", "/api/v1/audit?size=500", null);
    }

    @AfterAll
    static void stopGateway() throws Exception {
        for (KafkaTopicTail tail : topics.values()) {
            tail.close();
        }
        engine.close();
        gateway.close();
        PROVIDER.close();
    }

    @Test
    void theLogAtDebugHoldsNoSecret(CapturedOutput output) {
        String log = output.getAll();

        assertThat(log).contains("DEBUG").contains("secret-wrong-in").contains("secret-out");
        assertNoSecretIn("the captured log", log);
    }

    @Test
    void noResponseHoldsASecret() {
        assertThat(responses).hasSizeGreaterThan(15).anySatisfy(body -> assertThat(body).contains("passwordSet"));
        responses.forEach(body -> assertNoSecretIn("a response", body));
    }

    @Test
    void noRecordOnAnyGatewayTopicHoldsASecretNorDoesAnyHeader() {
        assertThat(topics).containsKeys(Topics.OUTBOUND_REQUESTS, Topics.OUTBOUND_STATUS, Topics.OUTBOUND_REQUESTS_DLT,
                Topics.INBOUND_MESSAGES, Topics.CONFIG_CHANGES);
        assertThat(topic(Topics.OUTBOUND_REQUESTS_DLT).records()).isNotEmpty();
        for (KafkaTopicTail tail : topics.values()) {
            for (ConsumerRecord<String, String> record : tail.records()) {
                assertNoSecretIn("a record on " + record.topic(), record.key() + " " + record.value());
                for (Header header : record.headers()) {
                    assertNoSecretIn("header " + header.key() + " on " + record.topic(),
                            header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    @Test
    void theAuditNamesPasswordChangesButHoldsNoSecret() {
        List<String> stored = new ArrayList<>();
        try (MongoClient mongo = MongoClients.create(TestInfrastructure.mongoUri(DATABASE))) {
            mongo.getDatabase(DATABASE).getCollection("audit_events").find()
                    .forEach(document -> stored.add(document.toJson()));
            mongo.getDatabase(DATABASE).getCollection("mailboxes").find()
                    .forEach(document -> assertNoSecretIn("a stored mailbox", document.toJson()));
        }

        assertThat(stored).hasSizeGreaterThan(8)
                .anySatisfy(json -> assertThat(json).contains("secret-in").contains("\"password\""));
        stored.forEach(json -> assertNoSecretIn("an audit entry", json));
    }

    /** Fails naming the line that holds a secret, not the whole text (a log runs to megabytes). */
    private static void assertNoSecretIn(String where, String text) {
        for (String secret : secrets()) {
            List<String> lines = text.lines().filter(line -> line.contains(secret)).limit(3).toList();
            assertThat(lines).as("lines of %s holding a secret", where).isEmpty();
        }
    }

    /**
     * Every password and OAuth2 secret of the run (refresh tokens as issued and as rotated, every
     * access token issued, a piece of the service account's private key), and the forms in which
     * HTTP Basic, SMTP AUTH and SASL XOAUTH2 carry them.
     */
    private static List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(INBOX_PASSWORD, OUTBOX_PASSWORD, WRONG_PASSWORD,
                CHANGED_PASSWORD, IMPORTED_PASSWORD, USER_PASSWORD, UNSAVED_PASSWORD, MALFORMED_PASSWORD,
                RunningGateway.ADMIN_PASSWORD, TestInfrastructure.TEST_SECRET_KEY, CLIENT_SECRET, refreshToken,
                serviceAccount.privateKeyBase64().substring(64, 128)));
        secrets.addAll(PROVIDER.validRefreshTokens());
        secrets.addAll(PROVIDER.accessTokens());
        for (String password : List.copyOf(secrets)) {
            secrets.add(base64(password));
        }
        for (String token : PROVIDER.accessTokens()) {
            secrets.add(base64("user=" + OAUTH2_USER + "\u0001auth=Bearer " + token + "\u0001\u0001"));
        }
        secrets.add(base64(RunningGateway.ADMIN + ":" + RunningGateway.ADMIN_PASSWORD));
        secrets.add(base64("auditor:" + USER_PASSWORD));
        secrets.add(base64("\0sender\0" + OUTBOX_PASSWORD));
        secrets.add(base64("\0sender\0" + WRONG_PASSWORD));
        return secrets;
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static Response api(String method, String path, String json) {
        Response response = gateway.api(method, path, json);
        responses.add(response.body());
        return response;
    }

    private static String send(String contract, String outbox) throws Exception {
        String requestId = "secret-" + UUID.randomUUID();
        engine.publish(Topics.OUTBOUND_REQUESTS, contract, """
                {"requestId": "%s", "contractId": "%s", "outbox": "%s", "to": ["ana@cliente.example"],
                 "subject": "Solicitud %s", "text": "Registrada."}
                """.formatted(requestId, contract, outbox, requestId));
        return requestId;
    }

    /** Waits for a status of the request that says {@code expected}: a status or an error code. */
    private static void awaitStatusSaying(String requestId, String expected) {
        await().atMost(A_WHILE).until(() -> topic(Topics.OUTBOUND_STATUS).withKey(requestId).stream()
                .anyMatch(record -> record.value().contains("\"" + expected + "\"")));
    }

    /** Tails every topic of the gateway (its retry topics included) from its beginning. */
    private static void tailEveryGatewayTopic() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            for (String name : admin.listTopics().names().get()) {
                if (name.startsWith("mail.")) {
                    topics.put(name, new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), name));
                }
            }
        }
        assertThat(topics).hasSizeGreaterThanOrEqualTo(5);
    }

    private static KafkaTopicTail topic(String name) {
        return topics.get(name);
    }

    private static String inbox(String id, String password) {
        return """
                {"id": "%s", "name": "Mesa %s", "type": "INBOUND", "contractId": "secret", "host": "127.0.0.1",
                 "port": %d, "username": "desk", "password": "%s", "protocol": "IMAP", "folder": "INBOX",
                 "pollIntervalSeconds": 10, "afterRead": "MARK_SEEN", "startFrom": "ALL", "requireTls": false}
                """.formatted(id, id, mailServer.getImap().getPort(), password);
    }

    private static String oauth2Inbox(String id, String grantAndSecret) {
        return """
                {"id": "%s", "name": "Mesa %s", "type": "INBOUND", "contractId": "secret-oauth2",
                 "host": "127.0.0.1", "port": %d, "username": "%s", "protocol": "IMAP", "folder": "INBOX",
                 "pollIntervalSeconds": 10, "afterRead": "MARK_SEEN", "startFrom": "ALL", "requireTls": false,
                 "auth": {"method": "OAUTH2", "provider": "GENERIC", "clientId": "secret-client", %s,
                          "tokenUri": "%s", "scope": "mail"}}
                """.formatted(id, id, mailServer.getImap().getPort(), OAUTH2_USER, grantAndSecret, PROVIDER.tokenUri());
    }

    private static String oauth2Outbox() {
        return """
                {"id": "secret-oauth2-out", "name": "Salida OAuth2", "type": "OUTBOUND", "host": "127.0.0.1",
                 "port": %d, "username": "%s", "security": "NONE", "authRequired": true,
                 "fromAddress": "%s@secret.example", "auth": {"method": "OAUTH2", "provider": "GENERIC",
                 "grant": "REFRESH_TOKEN", "clientId": "secret-client", "clientSecret": "%s", "refreshToken": "%s",
                 "tokenUri": "%s", "scope": "mail"}}
                """.formatted(mailServer.getSmtp().getPort(), OAUTH2_USER, OAUTH2_USER, CLIENT_SECRET, refreshToken,
                PROVIDER.tokenUri());
    }

    private static String outbox(String id, String password) {
        return """
                {"id": "%s", "name": "Salida %s", "type": "OUTBOUND", "host": "127.0.0.1", "port": %d,
                 "username": "sender", "password": "%s", "security": "NONE", "authRequired": true,
                 "fromAddress": "sender@secret.example"}
                """.formatted(id, id, mailServer.getSmtp().getPort(), password);
    }
}
