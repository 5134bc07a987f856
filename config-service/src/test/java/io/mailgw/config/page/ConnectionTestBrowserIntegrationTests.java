package io.mailgw.config.page;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.support.ui.Select;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Probar conexión" in a real browser against GreenMail: the values in the form, saved or not, once
 * with the right password and once with a wrong one, answered in the page's language.
 */
class ConnectionTestBrowserIntegrationTests extends AbstractBrowserIntegrationTests {

    private static final String USER = "soporte@xpto.example";
    private static final String PASSWORD = "Gm-Pa55-for-the-page";
    private static final String WRONG_PASSWORD = "not-the-Pa55-at-all";

    @RegisterExtension
    static final GreenMailExtension greenMail = new GreenMailExtension(
            ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP)).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-connection-browser");
    }

    @Test
    void testsTheUnsavedValuesOfANewInboundMailboxOnceGoodAndOnceWithAWrongPassword() {
        greenMail.setUser(USER, USER, PASSWORD);
        GreenMailUtil.sendTextEmail(USER, "ana@cliente.example", "Uno", "texto", greenMail.getSmtp().getServerSetup());
        signInAsAdmin();
        browser.open("/mailboxes/new?type=INBOUND");
        browser.type("name", "Soporte (entrada)");
        browser.type("host", "127.0.0.1");
        browser.type("port", String.valueOf(greenMail.getImap().getPort()));
        new Select(browser.find("#protocol")).selectByValue("IMAP");
        browser.type("username", USER);
        browser.type("password", PASSWORD);
        // GreenMail's plain IMAP offers no STARTTLS
        browser.find("#requireTls1").click();

        browser.press("#test-connection");
        String good = browser.awaitText("#test-result", text -> text.startsWith("Conexión correcta"));
        browser.scrollTo("#test-result");
        browser.screenshot("connection-test-ok-es");
        browser.type("password", WRONG_PASSWORD);
        browser.press("#test-connection");
        String wrong = browser.awaitText("#test-result", text -> text.startsWith("Autenticación"));
        browser.scrollTo("#test-result");
        browser.screenshot("connection-test-auth-failed-es");

        assertThat(good).isEqualTo("Conexión correcta: inicio de sesión aceptado, 1 mensaje en la carpeta; "
                + "IMAP IDLE admitido.");
        assertThat(browser.find("#test-result").getAttribute("data-code")).isEqualTo("AUTH_FAILED");
        assertThat(wrong).isEqualTo("Autenticación rechazada: compruebe el usuario y la contraseña.");
        assertThat(browser.driver().getPageSource()).doesNotContain(PASSWORD).doesNotContain(WRONG_PASSWORD);
        assertThat(admin.get("/api/v1/mailboxes?type=INBOUND").json()).isEmpty();
    }

    @Test
    void testsASavedOutboxWithItsStoredPasswordWhenTheFieldIsLeftEmpty() {
        greenMail.setUser(USER, USER, PASSWORD);
        admin.post("/api/v1/mailboxes", """
                {"id": "mbx-gm-out", "name": "GreenMail (salida)", "type": "OUTBOUND", "host": "127.0.0.1",
                 "port": %d, "username": "%s", "password": "%s", "fromAddress": "%s", "security": "NONE",
                 "authRequired": true}
                """.formatted(greenMail.getSmtp().getPort(), USER, PASSWORD, USER));
        signInAsAdmin();
        browser.open("/mailboxes/mbx-gm-out");

        browser.press("#test-connection");
        String good = browser.awaitText("#test-result", text -> !text.isBlank() && !text.endsWith("\u2026"));
        browser.type("password", WRONG_PASSWORD);
        browser.press("#test-connection");
        String wrong = browser.awaitText("#test-result", text -> text.startsWith("Autenticación"));

        assertThat(good).isEqualTo("Conexión correcta: servidor alcanzado e inicio de sesión aceptado.");
        assertThat(wrong).isEqualTo("Autenticación rechazada: compruebe el usuario y la contraseña.");
        assertThat(browser.driver().getPageSource()).doesNotContain(PASSWORD);
    }
}
