package io.mailgw.config.connection;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.config.AbstractApiIntegrationTests;
import io.mailgw.config.ApiClient.Response;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connection test of OAuth2 mailboxes: an access token from a real HTTPS token endpoint
 * ({@link TestOAuth2Provider}), sent to GreenMail with SASL XOAUTH2 (GreenMail takes the user's
 * password as the token it accepts).
 */
class OAuth2ConnectionTestIntegrationTests extends AbstractApiIntegrationTests {

    private static final String MAILBOXES = "/api/v1/mailboxes";
    private static final TestOAuth2Provider PROVIDER = TestOAuth2Provider.start();
    private static final String CLIENT_SECRET = "conn-cl1ent-s3cret";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.IMAP, ServerSetupTest.POP3}))
            .withPerMethodLifecycle(false);

    private String id;
    private String user;
    private String token;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-oauth2-connection-test");
        registry.add("mailgw.oauth2.trusted-certificate-pem", TestCertificate::pem);
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @BeforeEach
    void mailboxPerTest(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        id = "mbx-" + name.substring(0, Math.min(name.length(), 40));
        user = id + "@xpto.example";
        token = "xoauth2-token-for-" + id;
        PROVIDER.registerClient(id, CLIENT_SECRET);
        PROVIDER.issueAccessTokensAs(token);
        greenMail.setUser(user, user, token);
    }

    @AfterEach
    void noResponseCarriedASecretOrToken() {
        assertThat(admin.bodies()).noneMatch(body -> body.contains(CLIENT_SECRET) || body.contains(token));
    }

    @Test
    void aSavedAppOnlyImapMailboxLogsInWithItsAccessToken() {
        save(inbound("IMAP", greenMail.getImap().getPort(), clientCredentials()));

        Response response = admin.post(MAILBOXES + "/" + id + "/test", "");

        assertThat(response.json().path("code").asString()).isEqualTo("OK");
        assertThat(response.json().path("detail").asString()).contains("logged in as " + user);
        assertThat(PROVIDER.tokenRequests()).anySatisfy(request -> assertThat(request)
                .containsEntry("client_id", id).containsEntry("grant_type", "client_credentials"));
    }

    @Test
    void unsavedOutboxAndPop3ValuesLogInWithXoauth2() {
        Response smtp = admin.post(MAILBOXES + "/test", """
                {"id": "%s", "name": "Out", "type": "OUTBOUND", "host": "127.0.0.1", "port": %d, "username": "%s",
                 "fromAddress": "%s", "security": "NONE", "authRequired": true, "auth": %s}
                """.formatted(id, greenMail.getSmtp().getPort(), user, user, clientCredentials()));
        Response pop3 = admin.post(MAILBOXES + "/test", inbound("POP3", greenMail.getPop3().getPort(),
                clientCredentials()).replace("\"folder\": \"INBOX\",", "").replace("\"requireTls\": false,",
                "\"requireTls\": false, \"afterRead\": \"NONE\","));

        assertThat(smtp.json().path("code").asString()).as(smtp.body()).isEqualTo("OK");
        assertThat(smtp.json().path("steps").toString()).contains("AUTH");
        assertThat(pop3.json().path("code").asString()).as(pop3.body()).isEqualTo("OK");
    }

    @Test
    void aRevokedSignInFailsTheTestSayingSignInAgain() {
        String refreshToken = PROVIDER.issueRefreshToken(id);
        save(inbound("IMAP", greenMail.getImap().getPort(), """
                {"method": "OAUTH2", "provider": "GENERIC", "grant": "REFRESH_TOKEN", "clientId": "%s",
                 "clientSecret": "%s", "refreshToken": "%s", "tokenUri": "%s", "scope": "mail"}
                """.formatted(id, CLIENT_SECRET, refreshToken, PROVIDER.tokenUri())));
        PROVIDER.revoke(refreshToken);

        Response response = admin.post(MAILBOXES + "/" + id + "/test", "");

        assertThat(response.json().path("code").asString()).isEqualTo("AUTH_FAILED");
        assertThat(response.json().path("detail").asString()).startsWith("No access token: sign in again")
                .doesNotContain(refreshToken);
    }

    @Test
    void aTokenEndpointThatIsDownMakesTheServerUnreachableForNow() {
        save(inbound("IMAP", greenMail.getImap().getPort(), clientCredentials()));
        PROVIDER.goDown();
        Response response;
        try {
            response = admin.post(MAILBOXES + "/" + id + "/test", "");
        }
        finally {
            PROVIDER.comeBack();
        }

        assertThat(response.json().path("code").asString()).isEqualTo("UNREACHABLE");
        assertThat(response.json().path("detail").asString()).startsWith("No access token: the token endpoint")
                .contains("unreachable");
        assertThat(admin.post(MAILBOXES + "/" + id + "/test", "").json().path("code").asString()).isEqualTo("OK");
    }

    @Test
    void aTokenTheMailServerRejectsIsAuthFailedNamingThePermissions() {
        PROVIDER.issueAccessTokensAs("a-token-the-server-does-not-take");
        save(inbound("IMAP", greenMail.getImap().getPort(), clientCredentials()));

        Response response = admin.post(MAILBOXES + "/" + id + "/test", "");

        assertThat(response.json().path("code").asString()).isEqualTo("AUTH_FAILED");
        assertThat(response.json().path("detail").asString()).contains("check that the app may read or send");
    }

    private String clientCredentials() {
        return """
                {"method": "OAUTH2", "provider": "GENERIC", "grant": "CLIENT_CREDENTIALS", "clientId": "%s",
                 "clientSecret": "%s", "tokenUri": "%s", "scope": "mail"}
                """.formatted(id, CLIENT_SECRET, PROVIDER.tokenUri());
    }

    private String inbound(String protocol, int port, String auth) {
        return """
                {"id": "%s", "name": "In", "type": "INBOUND", "host": "127.0.0.1", "port": %d, "username": "%s",
                 "protocol": "%s", "folder": "INBOX", "requireTls": false, "auth": %s}
                """.formatted(id, port, user, protocol, auth);
    }

    private void save(String mailbox) {
        Response created = admin.post(MAILBOXES, mailbox);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
