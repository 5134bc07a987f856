package io.mailgw.config.page;

import java.util.List;

import io.mailgw.config.AbstractApiIntegrationTests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The service on a random port, driven by one headless Chromium per test class that asks for
 * Spanish first, as the original product's users do. Every test starts signed out, with no
 * language chosen.
 */
abstract class AbstractBrowserIntegrationTests extends AbstractApiIntegrationTests {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-pass";

    private static final String HIDDEN_ANCESTOR =
            "ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' hidden ')]";

    static Browser browser;
    private static int browserPort;

    @BeforeAll
    static void noBrowserYet() {
        browser = null;
    }

    @BeforeEach
    void freshBrowser() {
        if (browser == null) {
            browser = Browser.start(port, "es-ES,es");
            browserPort = port;
        }
        if (browserPort != port) {
            throw new IllegalStateException("One browser serves one service; port changed from " + browserPort);
        }
        browser.forgetCookies();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    void signInAsAdmin() {
        browser.signIn(ADMIN, ADMIN_PASSWORD);
    }

    /**
     * The names of the form's fields a person can fill in: no hidden ones, none in a part the page
     * hides (the OAuth2 fields of a password login), no buttons.
     */
    static List<String> visibleFieldNames(String formSelector) {
        return browser.findAll(formSelector + " input, " + formSelector + " select, " + formSelector + " textarea")
                .stream().filter(field -> !"hidden".equals(field.getAttribute("type")))
                .filter(field -> field.findElements(By.xpath(HIDDEN_ANCESTOR)).isEmpty())
                .map(field -> field.getAttribute("name")).distinct().toList();
    }

    static String valueOf(WebElement field) {
        return field.getDomProperty("value");
    }
}
