package io.mailgw.config.page;

import java.time.Instant;
import java.util.List;

import io.mailgw.config.TestMailboxes;
import io.mailgw.model.mailbox.Mailbox;
import io.mailgw.model.mailbox.MailboxRepository;
import io.mailgw.model.auth.PasswordLogin;
import io.mailgw.model.secret.SecretCipher;
import io.mailgw.testing.TestInfrastructure;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The admin page in a real browser: sign-in, the two languages, the mailbox forms and their errors. */
class AdminPageBrowserIntegrationTests extends AbstractBrowserIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-page-browser");
    }

    @Autowired
    MailboxRepository mailboxes;

    @Autowired
    SecretCipher cipher;

    @Autowired
    MongoOperations mongo;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void signsInInTheBrowsersLanguageAndSwitchesToEnglishForGood() {
        browser.open("/");
        assertThat(browser.path()).startsWith("/login");
        assertThat(browser.text("h1")).isEqualTo("Iniciar sesión");
        browser.signIn(ADMIN, "wrong-password");
        assertThat(browser.text("#login-error")).isEqualTo("Usuario o contraseña no aceptados.");
        browser.screenshot("login-es-error");

        signInAsAdmin();
        assertThat(browser.text("h1")).isEqualTo("Buzón de Correo Electrónico");
        browser.click("#lang-en");
        assertThat(browser.text("h1")).isEqualTo("E-mail mailboxes");
        browser.open("/contracts");
        assertThat(browser.text("h1")).isEqualTo("Contracts");
        browser.click("#lang-es");
        assertThat(browser.text("h1")).isEqualTo("Contratos");

        browser.click("#logout");
        assertThat(browser.text("#logged-out")).isEqualTo("Ha cerrado la sesión.");
        browser.open("/");
        assertThat(browser.path()).startsWith("/login");
    }

    @Test
    void createsAnOutboundAndAnInboundMailboxShowingExactlyTheFieldsOfEachType() {
        signInAsAdmin();
        browser.click("#new-mailbox");
        assertThat(browser.findAll("#mailbox-form")).isEmpty();
        browser.click("#type-INBOUND");
        assertThat(visibleFieldNames("#mailbox-form")).containsExactlyInAnyOrder("id", "name", "contractId",
                "enabled", "host", "port", "username", "password", "auth.method", "protocol", "folder",
                "pollIntervalSeconds", "startFrom", "afterRead", "moveToFolder", "idle", "requireTls",
                "trustedCertificatePem");
        browser.screenshot("mailbox-new-inbound-es");
        browser.click("#type-OUTBOUND");
        assertThat(visibleFieldNames("#mailbox-form")).containsExactlyInAnyOrder("id", "name", "contractId",
                "enabled", "host", "port", "username", "password", "auth.method", "fromAddress", "fromName",
                "security", "authRequired", "maxConnections", "maxPerMinute", "trustedCertificatePem");

        browser.type("id", "mbx-page-out");
        browser.type("name", "Soporte XPTO (salida)");
        browser.type("host", "smtp.xpto.example");
        browser.type("port", "587");
        browser.type("username", "soporte@xpto.example");
        browser.type("password", TestMailboxes.PASSWORD);
        browser.type("fromAddress", "soporte@xpto.example");
        browser.screenshot("mailbox-new-outbound-es");
        browser.click("#save");

        assertThat(browser.text("#notice")).isEqualTo("Buzón «Soporte XPTO (salida)» guardado.");
        assertThat(browser.text("#mailbox-mbx-page-out .type")).isEqualTo("Salida");
        assertThat(browser.text("#mailbox-mbx-page-out .state")).isEqualTo("Aún sin usar");

        browser.click("#new-mailbox");
        browser.click("#type-INBOUND");
        browser.type("id", "mbx-page-in");
        browser.type("name", "Soporte XPTO (entrada)");
        browser.type("host", "imap.xpto.example");
        browser.type("username", "soporte@xpto.example");
        browser.type("password", TestMailboxes.PASSWORD);
        browser.click("#save");

        assertThat(browser.text("#mailbox-mbx-page-in .type")).isEqualTo("Entrada");
        assertThat(browser.text("#mailbox-mbx-page-in .host")).isEqualTo("imap.xpto.example:993");
        browser.screenshot("mailboxes-es");
        Mailbox outbox = mailboxes.findById("mbx-page-out").orElseThrow();
        assertThat(outbox.outbound().fromAddress()).isEqualTo("soporte@xpto.example");
        assertThat(TestMailboxes.passwordOf(outbox, cipher)).isEqualTo(TestMailboxes.PASSWORD);
    }

    @Test
    void showsValidationErrorsInSpanishNextToTheirFieldsWithoutEchoingThePassword() {
        signInAsAdmin();
        browser.open("/mailboxes/new?type=INBOUND");
        browser.type("name", "Sin servidor");
        browser.type("port", "noventa");
        browser.type("username", "soporte@xpto.example");
        browser.type("password", TestMailboxes.PASSWORD);
        browser.click("#save");

        assertThat(browser.text("#errors-summary")).isEqualTo("Revise los campos marcados.");
        assertThat(browser.text("#error-port")).isEqualTo("Debe ser un número entero.");
        assertThat(browser.text("#error-host")).isEqualTo("Obligatorio: un nombre de servidor o una dirección IP.");
        assertThat(valueOf(browser.find("#name"))).isEqualTo("Sin servidor");
        assertThat(valueOf(browser.find("#password"))).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(TestMailboxes.PASSWORD);
        browser.screenshot("mailbox-validation-es");
        assertThat(mailboxes.findAll()).extracting(Mailbox::name).doesNotContain("Sin servidor");
    }

    @Test
    void neverShowsAStoredPasswordAndKeepsItWhenTheFieldIsLeftEmpty() {
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-secret"));
        mongo.save(new Document("_id", "lucia").append("passwordHash", passwordEncoder.encode("lucia-pass"))
                .append("roles", List.of("ADMIN")).append("enabled", true).append("createdAt", Instant.now()), "users");
        browser.signIn("lucia", "lucia-pass");
        browser.open("/mailboxes/mbx-secret");

        WebElement password = browser.find("#password");
        assertThat(password.getAttribute("value")).isEmpty();
        assertThat(browser.driver().getPageSource()).doesNotContain(TestMailboxes.PASSWORD)
                .doesNotContain(((PasswordLogin) mailboxes.findById("mbx-secret").orElseThrow().auth()).password().ciphertext());
        assertThat(browser.findAll("input[type=hidden][name=password]")).isEmpty();
        assertThat(browser.text("#password-kept")).contains("Déjelo vacío para conservarla");
        browser.type("fromName", "Soporte renombrado");
        browser.click("#save");

        Mailbox saved = mailboxes.findById("mbx-secret").orElseThrow();
        assertThat(saved.outbound().fromName()).isEqualTo("Soporte renombrado");
        assertThat(TestMailboxes.passwordOf(saved, cipher)).isEqualTo(TestMailboxes.PASSWORD);
        assertThat(admin.get("/api/v1/audit").json().path("content")).filteredOn(event ->
                "mbx-secret".equals(event.path("target").path("id").asString())
                        && "UPDATED".equals(event.path("action").asString())).singleElement()
                .satisfies(event -> assertThat(event.path("actor").asString()).isEqualTo("lucia"));
        browser.open("/mailboxes/mbx-secret");
        assertThat(browser.driver().getPageSource()).doesNotContain(TestMailboxes.PASSWORD);
        browser.screenshot("mailbox-edit-es");
    }
}
