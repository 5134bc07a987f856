package io.mailgw.config.connection;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.Set;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.testing.StartTlsFront;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection test over HTTP against GreenMail (SMTP, IMAP, POP3, and IMAPS presenting
 * {@link TestCertificate}), through the same connect guard as the poller and the sender; the test
 * setup lets it through to 127.0.0.1 and dynamic ports.
 */
class ConnectionTestIntegrationTests extends AbstractApiIntegrationTests {

    private static final String MAILBOXES = "/api/v1/mailboxes";
    private static final String PASSWORD = "conn-Te5t-Pa55";
    private static final String WRONG_PASSWORD = "not-the-Pa55-at-all";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(TestCertificate.presentedBy(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.POP3,
                    ServerSetupTest.IMAPS}))).withPerMethodLifecycle(false);

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    private String id;
    private String user;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-connection-test");
    }

    @BeforeEach
    void userPerTest(TestInfo test) {
        String name = "mbx-" + test.getTestMethod().orElseThrow().getName();
        id = name.substring(0, Math.min(name.length(), 64));
        user = id + "@xpto.example";
        greenMail.setUser(user, user, PASSWORD);
    }

    @AfterEach
    void noResponseCarriedAPassword() {
        assertThat(admin.bodies()).noneMatch(body -> body.contains(PASSWORD) || body.contains(WRONG_PASSWORD));
    }

    @Test
    void imapMailboxWithTheRightPasswordIsOkWithMessageCountAndIdle() {
        GreenMailUtil.sendTextEmail(user, "ana@cliente.example", "Uno", "texto", greenMail.getSmtp().getServerSetup());
        GreenMailUtil.sendTextEmail(user, "ana@cliente.example", "Dos", "texto", greenMail.getSmtp().getServerSetup());
        save(inbound("IMAP", greenMail.getImap().getPort(), PASSWORD, "INBOX"));

        JsonNode result = testSaved();

        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(result.path("code").asString()).isEqualTo("OK");
        assertThat(result.path("messageCount").asInt()).isEqualTo(2);
        assertThat(result.path("idleSupported").asBoolean()).isTrue();
        assertThat(result.path("detail").asString()).contains("logged in as " + user, "folder INBOX holds 2 messages",
                "supports IDLE");
        assertThat(steps(result)).isEqualTo("CONNECT,LOGIN,FOLDER");
        assertThat(result.path("server").asString()).startsWith("imap://").endsWith(":" + greenMail.getImap().getPort()
                + "/INBOX");
    }

    @Test
    void pop3MailboxIsOkWithMessageCountAndNoIdle() {
        GreenMailUtil.sendTextEmail(user, "ana@cliente.example", "Uno", "texto", greenMail.getSmtp().getServerSetup());
        save(inbound("POP3", greenMail.getPop3().getPort(), PASSWORD, "INBOX"));

        JsonNode result = testSaved();

        assertThat(result.path("code").asString()).isEqualTo("OK");
        assertThat(result.path("messageCount").asInt()).isEqualTo(1);
        assertThat(result.path("idleSupported").asBoolean()).isFalse();
        assertThat(result.path("detail").asString()).contains("holds 1 message;");
    }

    @Test
    void plainImapUpgradesWithStartTlsBeforeItLogsInAndSaysSo() {
        try (StartTlsFront front = StartTlsFront.imap(greenMail.getImap().getPort())) {
            save(inbound("IMAP", front.port(), PASSWORD, "INBOX", true, TestCertificate.pem()));

            JsonNode result = testSaved();

            assertThat(result.path("code").asString()).as(result.toString()).isEqualTo("OK");
            assertThat(steps(result)).isEqualTo("CONNECT,STARTTLS,LOGIN,FOLDER");
            assertThat(result.path("detail").asString()).contains("over IMAP with STARTTLS and logged in as " + user);
            assertThat(front.upgrades()).isEqualTo(1);
        }
    }

    @Test
    void plainPop3UpgradesWithStlsBeforeItLogsIn() {
        try (StartTlsFront front = StartTlsFront.pop3(greenMail.getPop3().getPort())) {
            save(inbound("POP3", front.port(), PASSWORD, "INBOX", true, TestCertificate.pem()));

            JsonNode result = testSaved();

            assertThat(result.path("code").asString()).as(result.toString()).isEqualTo("OK");
            assertThat(result.path("detail").asString()).contains("over POP3 with STLS");
            assertThat(front.upgrades()).isEqualTo(1);
        }
    }

    @Test
    void plainMailboxThatRequiresTlsRefusesAServerWithoutStartTlsBeforeSendingThePassword() {
        save(inbound("IMAP", greenMail.getImap().getPort(), PASSWORD, "INBOX", true, null));

        JsonNode result = testSaved();

        assertThat(result.path("code").asString()).isEqualTo("TLS_FAILED");
        assertThat(result.path("detail").asString()).contains("does not offer STARTTLS",
                "sends its password over TLS only (requireTls)");
        assertThat(steps(result)).isEqualTo("CONNECT");
    }

    @Test
    void plainMailboxWithoutRequireTlsSaysThePasswordTravelledInClear() {
        save(inbound("POP3", greenMail.getPop3().getPort(), PASSWORD, "INBOX"));

        JsonNode result = testSaved();

        assertThat(result.path("code").asString()).isEqualTo("OK");
        assertThat(result.path("detail").asString()).contains("without TLS (requireTls is off");
    }

    @Test
    void wrongPasswordIsAuthFailedInPlainWords() {
        save(inbound("IMAP", greenMail.getImap().getPort(), WRONG_PASSWORD, "INBOX"));

        JsonNode result = testSaved();

        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(result.path("code").asString()).isEqualTo("AUTH_FAILED");
        assertThat(result.path("detail").asString()).contains("rejected the login of " + user);
        assertThat(steps(result)).isEqualTo("CONNECT");
        assertThat(result.has("messageCount")).isFalse();
    }

    @Test
    void closedPortIsUnreachable() throws Exception {
        save(inbound("IMAP", closedPort(), PASSWORD, "INBOX"));

        JsonNode result = testSaved();

        assertThat(result.path("code").asString()).isEqualTo("UNREACHABLE");
        assertThat(result.path("detail").asString()).contains("connection refused");
        assertThat(steps(result)).isEmpty();
    }

    @Test
    void privateAddressIsRefusedWithoutTheAllowList() {
        save(inbound("IMAPS", 993, PASSWORD, "INBOX").replace("127.0.0.1", "10.1.2.3"));

        JsonNode result = testSaved();

        assertThat(result.path("ok").asBoolean()).isFalse();
        assertThat(result.path("code").asString()).isEqualTo("REFUSED");
        assertThat(result.path("detail").asString()).isEqualTo("Not connected: 10.1.2.3 is a private address; "
                + "refused. Allow it with MAILGW_CONNECT_ALLOW=10.0.0.0/8");
    }

    @Test
    void missingImapFolderIsFolderMissing() {
        save(inbound("IMAP", greenMail.getImap().getPort(), PASSWORD, "Tickets"));

        JsonNode result = testSaved();

        assertThat(result.path("code").asString()).isEqualTo("FOLDER_MISSING");
        assertThat(result.path("detail").asString()).contains("folder 'Tickets' does not exist");
        assertThat(steps(result)).isEqualTo("CONNECT,LOGIN");
    }

    @Test
    void smtpOutboxIsOkAfterEhloAndAuth() {
        save(outbound("NONE", greenMail.getSmtp().getPort(), PASSWORD));

        JsonNode result = testSaved();

        assertThat(result.path("ok").asBoolean()).isTrue();
        assertThat(steps(result)).isEqualTo("CONNECT,EHLO,AUTH");
        assertThat(result.path("detail").asString()).contains("answered EHLO", "accepted the login of " + user);
        assertThat(result.has("messageCount")).isFalse();
        assertThat(result.has("idleSupported")).isFalse();
    }

    @Test
    void starttlsOutboxOnAServerWithoutStarttlsIsTlsFailedAfterEhlo() {
        save(outbound("STARTTLS", greenMail.getSmtp().getPort(), PASSWORD));

        JsonNode result = testSaved();

        assertThat(result.path("code").asString()).isEqualTo("TLS_FAILED");
        assertThat(result.path("detail").asString()).contains("does not offer STARTTLS");
        assertThat(steps(result)).isEqualTo("CONNECT,EHLO");
    }

    @Test
    void imapsWorksWithTheServersCertificateAndFailsWithoutIt() {
        save(inbound("IMAPS", greenMail.getImaps().getPort(), PASSWORD, "INBOX"));
        JsonNode untrusted = testSaved();
        admin.put(MAILBOXES + "/" + id, inbound("IMAPS", greenMail.getImaps().getPort(), null, "INBOX")
                .replace("\"trustedCertificatePem\": null", "\"trustedCertificatePem\": " + quoted(TestCertificate.pem())));
        JsonNode trusted = testSaved();

        assertThat(untrusted.path("code").asString()).isEqualTo("TLS_FAILED");
        assertThat(untrusted.path("detail").asString()).contains("certificate is not trusted", "trustedCertificatePem");
        assertThat(steps(untrusted)).isEqualTo("CONNECT");
        assertThat(trusted.path("code").asString()).isEqualTo("OK");
        assertThat(steps(trusted)).isEqualTo("CONNECT,TLS,LOGIN,FOLDER");
    }

    @Test
    void unsavedValuesAreTestedWithoutSavingThem() {
        Response response = admin.post(MAILBOXES + "/test", inbound("IMAP", greenMail.getImap().getPort(), PASSWORD,
                "INBOX"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("code").asString()).isEqualTo("OK");
        assertThat(admin.get(MAILBOXES + "/" + id).status()).isEqualTo(404);
    }

    @Test
    void unsavedValuesOfASavedMailboxWithoutPasswordUseTheStoredOneOnlyForItsHost() {
        save(inbound("IMAP", greenMail.getImap().getPort(), PASSWORD, "INBOX"));
        String withoutPassword = inbound("IMAP", greenMail.getImap().getPort(), null, "INBOX");

        Response sameHost = admin.post(MAILBOXES + "/test", withoutPassword);
        Response otherHost = admin.post(MAILBOXES + "/test", withoutPassword.replace("127.0.0.1", "127.0.0.2"));

        assertThat(sameHost.json().path("code").asString()).isEqualTo("OK");
        assertThat(otherHost.status()).isEqualTo(400);
        assertThat(otherHost.errorFields()).containsExactly("password");
        assertThat(otherHost.json().path("errors").get(0).path("code").asString())
                .isEqualTo("connection.password.otherHost");
    }

    @Test
    void unsavedValuesThatBreakTheRulesAreABadRequestNamingTheFields() {
        Response response = admin.post(MAILBOXES + "/test", """
                {"name": "Sin servidor", "type": "INBOUND", "port": 70000, "username": "x", "password": "p",
                 "protocol": "IMAP", "fromAddress": "x@y.example"}
                """);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.errorFields()).contains("host", "port", "fromAddress");
    }

    @Test
    void onlyAdminsMayTestAndAnUnknownMailboxIsNotFound() {
        mongo.save(new ApiUser("viewer", passwordEncoder.encode("viewer-pass"), Set.of(ApiRole.VIEWER), true,
                Instant.now()));
        ApiClient viewer = ApiClient.as(port, "viewer", "viewer-pass");
        save(inbound("IMAP", greenMail.getImap().getPort(), PASSWORD, "INBOX"));

        assertThat(viewer.post(MAILBOXES + "/" + id + "/test", "").status()).isEqualTo(403);
        assertThat(viewer.post(MAILBOXES + "/test", inbound("IMAP", 143, PASSWORD, "INBOX")).status()).isEqualTo(403);
        assertThat(ApiClient.anonymous(port).post(MAILBOXES + "/" + id + "/test", "").status()).isEqualTo(401);
        assertThat(admin.post(MAILBOXES + "/mbx-nobody/test", "").status()).isEqualTo(404);
    }

    private void save(String json) {
        Response created = admin.post(MAILBOXES, json);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private JsonNode testSaved() {
        Response response = admin.post(MAILBOXES + "/" + id + "/test", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** GreenMail's plain IMAP and POP3 offer no STARTTLS: a plain mailbox here logs in without TLS. */
    private String inbound(String protocol, int port, String password, String folder) {
        return inbound(protocol, port, password, folder, protocol.endsWith("S"), null);
    }

    private String inbound(String protocol, int port, String password, String folder, boolean requireTls,
                           String trustedCertificatePem) {
        return """
                {"id": "%s", "name": "Prueba %s", "type": "INBOUND", "host": "127.0.0.1", "port": %d,
                 "username": "%s", %s "protocol": "%s", "folder": "%s", "afterRead": "%s",
                 "requireTls": %s, "trustedCertificatePem": %s}
                """.formatted(id, protocol, port, user, password == null ? "" : "\"password\": \"" + password + "\",",
                protocol, folder, protocol.startsWith("POP3") ? "NONE" : "MARK_SEEN", requireTls,
                trustedCertificatePem == null ? "null" : "\"" + trustedCertificatePem.replace("\n", "\\n") + "\"");
    }

    private String outbound(String security, int port, String password) {
        return """
                {"id": "%s", "name": "Salida", "type": "OUTBOUND", "host": "127.0.0.1", "port": %d,
                 "username": "%s", "password": "%s", "fromAddress": "%s", "security": "%s", "authRequired": true}
                """.formatted(id, port, user, password, user, security);
    }

    private static String steps(JsonNode result) {
        StringBuilder steps = new StringBuilder();
        result.path("steps").forEach(step -> steps.append(steps.isEmpty() ? "" : ",").append(step.asString()));
        return steps.toString();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

    private static int closedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
