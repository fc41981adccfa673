package io.texium.scheduler.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium driven through its chromedriver, for the tests that check what a person sees: Debian's
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} (system properties {@code texium.chromium} and
 * {@code texium.chromedriver} name others), so Selenium never downloads a browser. One per test class (see
 * {@link InBrowser}); screenshots go to {@code target/screenshots/}.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final URI base;
    private final String owner;

    Browser(URI base, String owner) {
        this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
        this.owner = owner;
        File chromium = executable("texium.chromium", "/usr/bin/chromium");
        File chromedriver = executable("texium.chromedriver", "/usr/bin/chromedriver");
        var options = new ChromeOptions();
        options.setBinary(chromium);
        // --no-sandbox: CI runs as root, where Chromium's sandbox cannot start
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,900", "--lang=en-US", "--no-first-run", "--disable-extensions");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(1280, 900));
    }

    private static File executable(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: install Debian's chromium and chromium-driver "
                    + "(apt-get install chromium chromium-driver; .ci/run does it) or set -D" + property);
        }
        return file;
    }

    ChromeDriver driver() {
        return driver;
    }

    URI base() {
        return base;
    }

    /** Loads a path of the application, e.g. {@code docs/} or {@code #/jobs}. */
    Browser open(String path) {
        driver.get(base.resolve(path).toString());
        return this;
    }

    /** The first element matching the CSS selector once it is visible, failing after {@link #WAIT}. */
    WebElement await(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until the element matching the CSS selector shows the text (within {@code timeout}). */
    WebElement awaitText(String css, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), text));
        return driver.findElement(By.cssSelector(css));
    }

    /** Waits until no element matches the CSS selector. */
    void awaitGone(String css, Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void click(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /** Clears the input named {@code name} (the API's field name) and types the value. */
    void type(String name, String value) {
        WebElement input = await("[name=\"" + name + "\"]");
        input.clear();
        input.sendKeys(value);
    }

    Object script(String source, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(source, args);
    }

    /** Saves what the window shows as {@code target/screenshots/<test class>-<name>.png}. */
    Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(PayaraProcess.targetDir().toPath().resolve("screenshots"));
            Path file = dir.resolve(owner + "-" + name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the page wrote to the console at level SEVERE since the last call (Chromium reports a refused script,
     * style or image under the Content-Security-Policy there).
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    @Override
    public void close() {
        driver.quit();
    }
}
