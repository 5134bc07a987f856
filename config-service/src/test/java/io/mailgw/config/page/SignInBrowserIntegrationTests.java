package io.mailgw.config.page;

import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.config.TestMailboxes;
import io.mailgw.model.auth.SecretField;
import io.mailgw.model.oauth.TokenRefusedException;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.model.status.MailboxState;
import io.mailgw.model.status.MailboxStatusRecorder;
import io.mailgw.testing.TestCertificate;
import io.mailgw.testing.TestInfrastructure;
import io.mailgw.testing.TestOAuth2Provider;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Conectar con Microsoft" and "Conectar con Google" in Chromium: the authorization code flow with
 * PKCE against {@link TestOAuth2Provider} acting as the provider (its sign-in page signs in at once),
 * the refresh token stored encrypted, the account shown, and a revoked sign-in said on the page.
 * The provider's presets point at the test provider; the token endpoint is its HTTPS one.
 */
class SignInBrowserIntegrationTests extends AbstractBrowserIntegrationTests {

    private static final TestOAuth2Provider PROVIDER = TestOAuth2Provider.start();
    private static final String CLIENT_ID = "0b7c41a2-page-client";
    private static final String CLIENT_SECRET = "page-Entra-s3cret";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(ServerSetupTest.SMTP_IMAP)
            .withPerMethodLifecycle(false);

    @Autowired
    MongoOperations mongo;
    @Autowired
    SecretCipher cipher;
    @Autowired
    MailboxStatusRecorder statuses;

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-sign-in-browser");
        registry.add("mailgw.oauth2.trusted-certificate-pem", TestCertificate::pem);
        registry.add("mailgw.oauth2.microsoft.authority", PROVIDER::signInBase);
        registry.add("mailgw.oauth2.google.authorization-uri", () -> PROVIDER.signInBase() + "/google/authorize");
        registry.add("mailgw.oauth2.google.token-uri", () -> PROVIDER.tokenBase() + "/google/token");
    }

    @AfterAll
    static void stopProvider() {
        PROVIDER.close();
    }

    @Test
    void connectsANewMicrosoftMailboxBySigningInAndShowsTheAccount() {
        PROVIDER.registerClient(CLIENT_ID, CLIENT_SECRET);
        PROVIDER.signInAs("soporte@contoso.example");
        signInAsAdmin();
        browser.open("/mailboxes/new?type=INBOUND");
        browser.type("id", "mbx-o365-page");
        browser.type("name", "Soporte (Microsoft 365)");
        browser.type("host", "127.0.0.1");
        browser.type("port", String.valueOf(greenMail.getImap().getPort()));
        new Select(browser.find("#protocol")).selectByValue("IMAP");
        browser.type("username", "soporte@contoso.example");
        new Select(browser.find("#authMethod")).selectByValue("OAUTH2");
        new Select(browser.find("#authProvider")).selectByValue("MICROSOFT");
        new Select(browser.find("#authGrant")).selectByValue("REFRESH_TOKEN");
        browser.type("authTenantId", "contoso.onmicrosoft.com");
        browser.type("authClientId", CLIENT_ID);
        browser.type("authClientSecret", CLIENT_SECRET);
        browser.type("authTokenUri", PROVIDER.tokenBase() + "/contoso.onmicrosoft.com/oauth2/v2.0/token");
        assertThat(browser.find("#password-field").isDisplayed()).isFalse();
        assertThat(browser.find("#connect-GOOGLE").isDisplayed()).isFalse();
        browser.scrollTo("#auth-fields");
        browser.screenshot("mailbox-oauth2-microsoft-es");

        browser.click("#connect-MICROSOFT");

        assertThat(browser.path()).isEqualTo("/mailboxes/mbx-o365-page");
        assertThat(browser.text("#notice")).isEqualTo("El buzón «Soporte (Microsoft 365)» está conectado como "
                + "soporte@contoso.example.");
        assertThat(browser.text("#sign-in-status")).startsWith("Conectado como soporte@contoso.example desde ");
        browser.scrollTo("#sign-in");
        browser.screenshot("mailbox-oauth2-connected-es");
        String refreshToken = TestMailboxes.storedSecret(stored("mbx-o365-page"), SecretField.REFRESH_TOKEN, cipher);
        assertThat(PROVIDER.validRefreshTokens()).contains(refreshToken);
        Map<String, String> exchange = lastTokenRequest();
        assertThat(exchange).containsEntry("grant_type", "authorization_code").containsKey("code_verifier")
                .containsEntry("client_id", CLIENT_ID);
        assertThat(browser.driver().getPageSource()).doesNotContain(CLIENT_SECRET).doesNotContain(refreshToken);
    }

    @Test
    void connectsASavedGoogleOutboxAndItsConnectionTestLogsInWithTheNewToken() {
        PROVIDER.registerClient("google-page-client", CLIENT_SECRET);
        PROVIDER.signInAs("soporte@xpto.example");
        PROVIDER.issueAccessTokensAs("google-access-token");
        greenMail.setUser("soporte@xpto.example", "soporte@xpto.example", "google-access-token");
        admin.post("/api/v1/mailboxes", """
                {"id": "mbx-gmail-page", "name": "Soporte (Gmail)", "type": "OUTBOUND", "host": "127.0.0.1",
                 "port": %d, "username": "soporte@xpto.example", "fromAddress": "soporte@xpto.example",
                 "security": "NONE", "auth": {"method": "OAUTH2", "provider": "GOOGLE", "grant": "REFRESH_TOKEN",
                 "clientId": "google-page-client", "clientSecret": "%s"}}
                """.formatted(greenMail.getSmtp().getPort(), CLIENT_SECRET));
        signInAsAdmin();
        browser.open("/mailboxes/mbx-gmail-page");
        assertThat(browser.text("#sign-in-status")).startsWith("Todavía no hay ninguna cuenta conectada");
        assertThat(browser.find("#client-secret-kept").isDisplayed()).isTrue();

        browser.click("#connect-GOOGLE");

        assertThat(browser.text("#sign-in-status")).startsWith("Conectado como soporte@xpto.example desde ");
        assertThat(lastTokenRequest()).containsEntry("grant_type", "authorization_code");
        browser.press("#test-connection");
        assertThat(browser.awaitText("#test-result", text -> text.startsWith("Conexión correcta")))
                .isEqualTo("Conexión correcta: servidor alcanzado e inicio de sesión aceptado.");
    }

    @Test
    void saysOnTheListAndTheFormThatARevokedSignInNeedsSigningInAgain() {
        PROVIDER.registerClient("revoked-page-client", CLIENT_SECRET);
        admin.post("/api/v1/mailboxes", """
                {"id": "mbx-revoked-page", "name": "Soporte (revocado)", "type": "INBOUND", "host": "127.0.0.1",
                 "port": %d, "username": "soporte@xpto.example", "protocol": "IMAP",
                 "auth": {"method": "OAUTH2", "provider": "MICROSOFT", "grant": "REFRESH_TOKEN",
                 "tenantId": "contoso.onmicrosoft.com", "clientId": "revoked-page-client",
                 "refreshToken": "rt-that-was-revoked"}}
                """.formatted(greenMail.getImap().getPort()));
        statuses.failure("mbx-revoked-page", MailboxState.AUTH_FAILED, TokenRefusedException.SIGN_IN_AGAIN
                + ": the sign-in was revoked or has expired; the token endpoint answered invalid_grant");
        signInAsAdmin();

        assertThat(browser.text("#mailbox-mbx-revoked-page .state")).contains("Autenticación rechazada")
                .contains("Inicie sesión de nuevo");
        browser.screenshot("mailboxes-sign-in-again-es");
        browser.click("#mailbox-mbx-revoked-page .sign-in-again a");

        assertThat(browser.text("#sign-in-again")).isEqualTo("El proveedor revocó el inicio de sesión o ha caducado: "
                + "inicie sesión de nuevo.");
        assertThat(browser.find("#connect-MICROSOFT").isDisplayed()).isTrue();
        assertThat(browser.driver().getPageSource()).doesNotContain("rt-that-was-revoked");
    }

    private Document stored(String id) {
        return mongo.getCollection("mailboxes").find(new Document("_id", id)).first();
    }

    private static Map<String, String> lastTokenRequest() {
        List<Map<String, String>> requests = PROVIDER.tokenRequests();
        return requests.get(requests.size() - 1);
    }
}
