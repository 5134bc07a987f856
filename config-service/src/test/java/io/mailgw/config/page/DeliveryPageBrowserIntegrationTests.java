package io.mailgw.config.page;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import io.mailgw.config.TestMailboxes;
import io.mailgw.config.delivery.DeadLetterWriter;
import io.mailgw.config.security.ApiRole;
import io.mailgw.config.security.ApiUser;
import io.mailgw.events.CloudEventHeaders;
import io.mailgw.model.contract.ContractRepository;
import io.mailgw.model.delivery.DeliveryRecord;
import io.mailgw.model.delivery.DeliveryState;
import io.mailgw.testing.KafkaTopicTail;
import io.mailgw.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.mailgw.config.delivery.TestDeliveries.failed;
import static io.mailgw.config.delivery.TestDeliveries.rejected;
import static io.mailgw.config.delivery.TestDeliveries.retrying;
import static io.mailgw.config.delivery.TestDeliveries.sent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * "Envíos" in a real browser: the log with its filters and pages, states in words, and the re-drive of
 * a failed delivery landing back on the requests topic with its ticket; a VIEWER sees no re-drive.
 */
class DeliveryPageBrowserIntegrationTests extends AbstractBrowserIntegrationTests {

    private static final String REQUESTS = "deliveries-page.requests";
    private static final String DEAD_LETTERS = "deliveries-page.requests.dlt";
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry, "config-deliveries-browser");
        registry.add("mailgw.topics.outbound-requests", () -> REQUESTS);
        registry.add("mailgw.topics.outbound-requests-dlt", () -> DEAD_LETTERS);
    }

    @Autowired
    MongoOperations mongo;

    @Autowired
    ContractRepository contracts;

    @Autowired
    PasswordEncoder passwordEncoder;

    KafkaTopicTail requests;

    @BeforeEach
    void aLedgerOfFourDeliveries() {
        requests = new KafkaTopicTail(TestInfrastructure.kafkaBootstrapServers(), REQUESTS);
        mongo.remove(new Query(), DeliveryRecord.class);
        contracts.deleteAll();
        admin.post("/api/v1/mailboxes", TestMailboxes.smtpOutbox("mbx-xpto-out"));
        admin.post("/api/v1/contracts", TestMailboxes.contract("xpto", "mbx-xpto-out"));
        admin.post("/api/v1/contracts", TestMailboxes.contract("acme", null));
    }

    @AfterEach
    void closeTail() throws InterruptedException {
        requests.close();
    }

    @Test
    void showsTheLogWithStatesInWordsAndFiltersIt() {
        mongo.save(sent("sr-sent", "xpto", "mbx-xpto-out", T0));
        mongo.save(failed("sr-failed", "xpto", "mbx-xpto-out", T0.plusSeconds(60)));
        mongo.save(retrying("sr-retrying", "acme", "mbx-default", T0.plusSeconds(120)));
        mongo.save(rejected("sr-rejected", "acme", "mbx-default", T0.plusSeconds(180)));
        signIn(ADMIN, ADMIN_PASSWORD);
        clickThrough("nav a[href='/deliveries']");

        assertThat(browser.text("h1")).isEqualTo("Envíos");
        assertThat(rowIds()).containsExactly("sr-rejected", "sr-retrying", "sr-failed", "sr-sent");
        assertThat(browser.text("#delivery-sr-failed .state")).isEqualTo("Fallido");
        assertThat(browser.text("#delivery-sr-sent .state")).isEqualTo("Enviado");
        assertThat(browser.text("#delivery-sr-retrying .state")).isEqualTo("Reintentando");
        assertThat(browser.text("#delivery-sr-rejected .state")).isEqualTo("Rechazado");
        assertThat(browser.text("#delivery-sr-failed .reply")).contains("The server kept refusing for now");
        assertThat(browser.text("#delivery-sr-failed .times")).contains("2026-11-28 10:01:00");
        assertThat(browser.findAll("#delivery-sr-sent button.redrive")).isEmpty();
        assertThat(browser.findAll("#delivery-sr-failed button.redrive")).hasSize(1);
        assertThat(browser.text("#page-info")).isEqualTo("Página 1 de 1 (4 envíos)");
        browser.screenshot("deliveries-es");

        new Select(browser.find("#status")).selectByValue("FAILED");
        clickThrough("#apply-filters");
        assertThat(rowIds()).containsExactly("sr-failed");
        assertThat(browser.path()).contains("status=FAILED");

        browser.open("/deliveries?contractId=acme");
        assertThat(rowIds()).containsExactly("sr-rejected", "sr-retrying");
        new Select(browser.find("#contractId")).selectByValue("");
        browser.driver().executeScript("arguments[0].value = '2026-11-28T10:02';", browser.find("#since"));
        clickThrough("#apply-filters");
        assertThat(rowIds()).containsExactly("sr-rejected", "sr-retrying");
        clickThrough("#clear-filters");
        assertThat(rowIds()).hasSize(4);
    }

    @Test
    void pagesThroughTheLogFiftyAtATime() {
        IntStream.rangeClosed(1, 60).forEach(i -> mongo.insert(sent(String.format("sr-page-%02d", i), "xpto",
                "mbx-xpto-out", T0.plusSeconds(i))));
        signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/deliveries?lang=en");

        assertThat(browser.findAll("#deliveries tbody tr")).hasSize(50);
        assertThat(rowIds().get(0)).isEqualTo("sr-page-60");
        assertThat(browser.text("#page-info")).isEqualTo("Page 1 of 2 (60 deliveries)");
        assertThat(browser.findAll("#previous-page")).isEmpty();
        clickThrough("#next-page");

        assertThat(rowIds()).hasSize(10).startsWith("sr-page-10").endsWith("sr-page-01");
        assertThat(browser.text("#page-info")).isEqualTo("Page 2 of 2 (60 deliveries)");
        assertThat(browser.findAll("#next-page")).isEmpty();
        clickThrough("#previous-page");
        assertThat(rowIds().get(0)).isEqualTo("sr-page-60");
    }

    @Test
    void redrivesAFailedDeliveryBackOntoTheRequestsTopicWithItsTicket() throws Exception {
        mongo.save(failed("sr-page-redrive", "xpto", "mbx-xpto-out", T0));
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(TestInfrastructure.kafkaBootstrapServers(),
                DEAD_LETTERS)) {
            deadLetters.write("xpto", "sr-page-redrive", DeadLetterWriter.request("sr-page-redrive", "again"));
        }
        signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/deliveries?status=FAILED");
        clickThrough("#delivery-sr-page-redrive button.redrive");

        assertThat(browser.text("#notice")).isEqualTo("1 envío reenviado: vuelve a la cola de envío.");
        assertThat(browser.path()).isEqualTo("/deliveries?status=FAILED");
        assertThat(browser.findAll("#delivery-sr-page-redrive")).isEmpty();
        ConsumerRecord<String, String> republished = await().atMost(Duration.ofSeconds(60)).until(
                () -> requests.withKey("xpto").stream().filter(record -> record.value().contains("sr-page-redrive"))
                        .findFirst().orElse(null), record -> record != null);
        DeliveryRecord ledger = mongo.findById("sr-page-redrive", DeliveryRecord.class);
        assertThat(ledger.state()).isEqualTo(DeliveryState.REDRIVEN);
        assertThat(new String(republished.headers().lastHeader(CloudEventHeaders.TICKET).value(),
                StandardCharsets.UTF_8)).isEqualTo(ledger.ticket());
        browser.screenshot("deliveries-redriven-es");

        browser.open("/deliveries");
        assertThat(browser.text("#delivery-sr-page-redrive .state")).isEqualTo("Reenviado");
        assertThat(browser.findAll("#delivery-sr-page-redrive button.redrive")).isEmpty();
    }

    @Test
    void redrivesEveryFailedDeliveryOfAnOutboxAndSaysWhatWasLeft() throws Exception {
        mongo.save(failed("sr-outbox-1", "xpto", "mbx-xpto-out", T0));
        mongo.save(rejected("sr-outbox-2", "xpto", "mbx-xpto-out", T0.plusSeconds(1)));
        mongo.save(failed("sr-outbox-no-letter", "xpto", "mbx-xpto-out", T0.plusSeconds(2)));
        try (DeadLetterWriter deadLetters = new DeadLetterWriter(TestInfrastructure.kafkaBootstrapServers(),
                DEAD_LETTERS)) {
            deadLetters.write("xpto", "sr-outbox-1", DeadLetterWriter.request("sr-outbox-1", "one"));
            deadLetters.write("xpto", "sr-outbox-2", DeadLetterWriter.request("sr-outbox-2", "two"));
        }
        signIn(ADMIN, ADMIN_PASSWORD);
        browser.open("/deliveries?lang=en");
        new Select(browser.find("#outboxId")).selectByValue("mbx-xpto-out");
        clickThrough("#apply-filters");
        assertThat(browser.text("#redrive-all")).isEqualTo("Re-drive every failed delivery of outbox “mbx-xpto-out”");
        browser.screenshot("deliveries-en");
        clickThrough("#redrive-all");

        assertThat(browser.text("#notice")).isEqualTo("2 deliveries re-driven: they are back in the sending queue. "
                + "1 has no message in the dead-letter queue.");
        assertThat(browser.text("#delivery-sr-outbox-1 .state")).isEqualTo("Re-driven");
        assertThat(browser.text("#delivery-sr-outbox-no-letter .state")).isEqualTo("Failed");
        await().atMost(Duration.ofSeconds(60)).until(() -> requests.withKey("xpto").size() >= 2);
        assertThat(requests.withKey("xpto")).extracting(ConsumerRecord::value)
                .anyMatch(value -> value.contains("sr-outbox-1")).anyMatch(value -> value.contains("sr-outbox-2"));
        browser.screenshot("deliveries-outbox-redriven-en");
    }

    @Test
    void aViewerReadsTheLogWithoutAnyRedriveButton() {
        mongo.save(failed("sr-viewer", "xpto", "mbx-xpto-out", T0));
        mongo.save(new ApiUser("deliveries-page-viewer", passwordEncoder.encode("viewer-pass"),
                Set.of(ApiRole.VIEWER), true, T0));
        signIn("deliveries-page-viewer", "viewer-pass");
        browser.open("/deliveries?outboxId=mbx-xpto-out");

        assertThat(rowIds()).containsExactly("sr-viewer");
        assertThat(browser.text("#delivery-sr-viewer .state")).isEqualTo("Fallido");
        assertThat(browser.findAll("button.redrive")).isEmpty();
        assertThat(browser.findAll("#redrive-all")).isEmpty();
        browser.screenshot("deliveries-viewer-es");
    }

    private static void signIn(String user, String password) {
        browser.open("/login");
        browser.type("username", user);
        browser.type("password", password);
        clickThrough("#sign-in");
    }

    /**
     * Clicks a link or submit button and waits for the next page: first for the old page to be gone
     * (stale, or, as Chromium says it under load, no longer in the document), then for the new one to
     * have loaded its main element.
     */
    private static void clickThrough(String cssSelector) {
        WebElement page = browser.find("html");
        browser.find(cssSelector).click();
        WebDriverWait wait = new WebDriverWait(browser.driver(), PAGE_WAIT);
        wait.until(driver -> isGone(page));
        wait.until(driver -> "complete".equals(browser.driver().executeScript("return document.readyState"))
                && !browser.findAll("main").isEmpty());
    }

    private static boolean isGone(WebElement page) {
        try {
            page.isEnabled();
            return false;
        }
        catch (StaleElementReferenceException ex) {
            return true;
        }
        catch (WebDriverException ex) {
            if (ex.getMessage() != null && ex.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw ex;
        }
    }

    private static List<String> rowIds() {
        return browser.findAll("#deliveries tbody tr").stream()
                .map(row -> row.getDomAttribute("id").substring("delivery-".length())).toList();
    }
}
