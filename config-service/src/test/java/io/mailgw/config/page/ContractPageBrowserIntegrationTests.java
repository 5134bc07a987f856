package io.mailgw.config.page;

import java.util.List;

import io.mailgw.config.TestMailboxes;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.settings.SettingsRepository;
import io.mailgw.testing.TestInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "Contrato" and its "Bandeja de Salida de Correo Electrónico", the system's default outbox, and a
 * deletion the gateway refuses, in a real browser.
 */
class ContractPageBrowserIntegrationTests extends AbstractBrowserIntegrationTests {

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-contract-browser");
    }

    @Autowired
    ContractRepository contracts;

    @Autowired
    SettingsRepository settings;

    @BeforeEach
    void mailboxesOfBothTypesAndNoLinks() {
        settings.deleteAll();
        contracts.deleteAll();
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-xpto-out"));
        admin.post("/api/v1/mailboxes", TestMailboxes.imapsInbox("mbx-xpto-in"));
    }

    @Test
    void linksAContractToAnOutboxChosenAmongOutboundMailboxesOnly() {
        signInAsAdmin();
        browser.click("nav a[href='/contracts']");
        browser.click("#new-contract");
        Select outbox = new Select(browser.find("#outboundMailboxId"));
        assertThat(browser.text("label[for=outboundMailboxId]")).isEqualTo("Bandeja de Salida de Correo Electrónico");
        assertThat(optionValues(outbox)).containsExactly("", "mbx-xpto-out");

        browser.type("id", "xpto");
        browser.type("name", "Empresa XPTO");
        outbox.selectByValue("mbx-xpto-out");
        browser.screenshot("contract-new-es");
        browser.click("#save");

        assertThat(browser.text("#notice")).isEqualTo("Contrato «Empresa XPTO» guardado.");
        assertThat(browser.text("#contract-xpto .outbox")).isEqualTo("mbx-xpto-out");
        assertThat(contracts.findById("xpto").orElseThrow().outboundMailboxId()).isEqualTo("mbx-xpto-out");
        browser.screenshot("contracts-es");
    }

    @Test
    void setsTheSystemDefaultOutboxAmongOutboundMailboxesOnly() {
        signInAsAdmin();
        Select defaultOutbox = new Select(browser.find("#defaultOutboxId"));
        assertThat(optionValues(defaultOutbox)).containsExactly("", "mbx-xpto-out");

        defaultOutbox.selectByValue("mbx-xpto-out");
        browser.click("#save-settings");

        assertThat(browser.text("#notice")).isEqualTo("Bandeja de salida predeterminada guardada.");
        assertThat(new Select(browser.find("#defaultOutboxId")).getFirstSelectedOption().getDomProperty("value"))
                .isEqualTo("mbx-xpto-out");
        assertThat(settings.current().defaultOutboxId()).isEqualTo("mbx-xpto-out");
        browser.screenshot("default-outbox-es");
    }

    @Test
    void refusesToDeleteAnOutboxInUseAndSaysWhereItIsUsed() {
        admin.post("/api/v1/contracts", TestMailboxes.contract("acme", "mbx-xpto-out"));
        signInAsAdmin();
        browser.click("#mailbox-mbx-xpto-out a.delete");
        assertThat(browser.text("#question"))
                .startsWith("¿Eliminar el buzón «Soporte XPTO (salida)» (mbx-xpto-out)?");
        browser.click("#confirm-delete");

        assertThat(browser.text("#refusal")).isEqualTo("No se puede eliminar: lo usa el contrato «acme» "
                + "(como su bandeja de salida). Vincule otro buzón allí primero.");
        assertThat(admin.get("/api/v1/mailboxes/mbx-xpto-out").status()).isEqualTo(200);
        browser.screenshot("mailbox-delete-refused-es");

        browser.open("/mailboxes/mbx-xpto-in/delete");
        browser.click("#confirm-delete");
        assertThat(browser.text("#notice")).isEqualTo("Buzón «Soporte XPTO (entrada)» eliminado.");
        assertThat(admin.get("/api/v1/mailboxes/mbx-xpto-in").status()).isEqualTo(404);
    }

    @Test
    void showsAContractErrorInEnglishOnceEnglishIsChosen() {
        signInAsAdmin();
        browser.open("/contracts/new?lang=en");
        browser.type("id", "has space");
        browser.click("#save");

        assertThat(browser.text("#error-id")).isEqualTo("1 to 64 of A-Z a-z 0-9 . _ -");
        assertThat(browser.text("#error-name")).isEqualTo("Required, at most 200 characters, on one line.");
        browser.screenshot("contract-validation-en");
    }

    private static List<String> optionValues(Select select) {
        return select.getOptions().stream().map(option -> option.getDomProperty("value")).toList();
    }
}
