package io.mailgw.config.page;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through {@code /usr/bin/chromedriver} (test.sh installs both),
 * with a fresh profile of its own and the given browser language. Screenshots go to
 * {@code target/screenshots/}, where CI keeps them as artifacts.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    /** Generous: a loaded 2-core machine may take seconds to render a page. */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(30);
    /** Longer than the connection test's own 10 s timeouts. */
    private static final Duration SCRIPT_WAIT = Duration.ofSeconds(30);
    private static final int CLICK_ATTEMPTS = 3;

    private final ChromeDriver driver;
    private final Path profile;
    private final String base;

    private Browser(ChromeDriver driver, Path profile, String base) {
        this.driver = driver;
        this.profile = profile;
        this.base = base;
    }

    /**
     * @param acceptLanguage the languages the browser asks for, as in its Accept-Language header
     */
    static Browser start(int port, String acceptLanguage) {
        try {
            Path profile = Files.createTempDirectory("mailgw-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,1100", "--user-data-dir=" + profile);
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile, "http://127.0.0.1:" + port);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create a Chromium profile directory", ex);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(base + path);
        awaitLoaded();
    }

    /** The path of the page shown, with its query. */
    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    /** The element, waiting for it while the page is still being built or replaced. */
    WebElement find(String cssSelector) {
        return new WebDriverWait(driver, PAGE_WAIT).ignoring(WebDriverException.class)
                .withMessage(() -> "no " + cssSelector + " on " + path())
                .until(present -> driver.findElement(By.cssSelector(cssSelector)));
    }

    List<WebElement> findAll(String cssSelector) {
        return driver.findElements(By.cssSelector(cssSelector));
    }

    String text(String cssSelector) {
        return find(cssSelector).getText();
    }

    void type(String fieldId, String value) {
        WebElement field = find("#" + fieldId);
        field.clear();
        field.sendKeys(value);
    }

    /**
     * Clicks a link or a submit button and waits until the page it leads to has loaded: the old
     * page gone (stale, or its node no longer in the document, as Chromium says mid-navigation),
     * then the new one complete. A click on an element that went stale before the navigation began
     * is made again on the element found anew; never once the navigation is under way.
     */
    void click(String cssSelector) {
        WebElement page = find("html");
        clickOnce(cssSelector, page);
        new WebDriverWait(driver, PAGE_WAIT).withMessage(() -> "the page did not leave " + path())
                .until(left -> isGone(page));
        awaitLoaded();
    }

    private void clickOnce(String cssSelector, WebElement page) {
        for (int attempt = 1;; attempt++) {
            try {
                find(cssSelector).click();
                return;
            }
            catch (WebDriverException ex) {
                if (isGone(page)) {
                    return;
                }
                if (attempt == CLICK_ATTEMPTS) {
                    throw ex;
                }
            }
        }
    }

    /** Whether the element's document was replaced: any answer but its tag name means it is gone. */
    private static boolean isGone(WebElement element) {
        try {
            element.getTagName();
            return false;
        }
        catch (WebDriverException ex) {
            return true;
        }
    }

    /** Waits until the page shown has loaded, through the moments of a navigation when asking fails. */
    private void awaitLoaded() {
        new WebDriverWait(driver, PAGE_WAIT).ignoring(WebDriverException.class)
                .withMessage(() -> "the page did not finish loading")
                .until(loaded -> "complete".equals(driver.executeScript("return document.readyState"))
                        && driver.findElement(By.tagName("html")) != null);
    }

    /** Clicks something that stays on the page, such as a button that runs a script. */
    void press(String cssSelector) {
        find(cssSelector).click();
    }

    /** Waits until the element shows the text {@code expected} (a script fills it in). */
    String awaitText(String cssSelector, Predicate<String> expected) {
        String[] last = {null};
        return new WebDriverWait(driver, SCRIPT_WAIT).withMessage(() -> cssSelector + " shows: " + last[0])
                .until(shown -> {
                    last[0] = text(cssSelector);
                    return expected.test(last[0]) ? last[0] : null;
                });
    }

    /** Scrolls until the element is in the middle of the window, for a screenshot that shows it. */
    void scrollTo(String cssSelector) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", find(cssSelector));
    }

    /** Forgets the session and the language cookie, as a new browser would. */
    void forgetCookies() {
        open("/login");
        driver.manage().deleteAllCookies();
    }

    void signIn(String user, String password) {
        open("/login");
        type("username", user);
        type("password", password);
        click("#sign-in");
    }

    /** Saves the page as {@code target/screenshots/<name>.png} and returns that path. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not save screenshot " + name, ex);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        }
        finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
        catch (IOException ex) {
            // a leftover temporary profile is harmless; the test result does not depend on it
        }
    }
}
