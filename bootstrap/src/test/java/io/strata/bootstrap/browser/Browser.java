package io.strata.bootstrap.browser;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Debian's headless Chromium through its chromedriver: no browser is downloaded at test time. Flags keep it from
 * reaching out to the network, which this machine does not have.
 */
final class Browser {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    /**
     * Clicks a link or a submit button and waits until the browser shows the page it leads to. A click may return
     * before the old page is gone; an element looked up then can belong to the old page and go stale under the test.
     */
    static void clickThrough(WebDriver driver, org.openqa.selenium.WebElement element) {
        org.openqa.selenium.WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
        element.click();
        org.openqa.selenium.support.ui.WebDriverWait wait = new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(d -> gone(page));
        // the old page is gone, but the new one may still be parsing: a click on it then can be lost (seen under load)
        wait.until(d -> "complete".equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    /**
     * Whether the page this element belonged to is gone. Selenium's {@code stalenessOf} knows only a stale reference;
     * Chromium also answers "Node with given id does not belong to the document" (an "unknown error") when asked in the
     * instant the new document replaces the old one, which failed a test once (session 57's verify).
     */
    private static boolean gone(org.openqa.selenium.WebElement page) {
        try {
            page.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException stale) {
            return true;
        } catch (org.openqa.selenium.WebDriverException other) {
            if (other.getMessage() != null && other.getMessage().contains("does not belong to the document")) {
                return true;
            }
            throw other;
        }
    }

    private static WebDriver shared;

    /** The JVM's one browser, started at first use and quit when the JVM exits. */
    static synchronized WebDriver shared() {
        if (shared == null) {
            WebDriver started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit));
            shared = started;
        }
        return shared;
    }

    static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(executable("STRATA_CHROMIUM", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000");
        // the console log is read by tests, e.g. for Content-Security-Policy violations
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(executable("STRATA_CHROMEDRIVER", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        return driver;
    }

    private static String executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        String path = configured == null || configured.isBlank() ? fallback : configured;
        if (!Files.isExecutable(Path.of(path))) {
            throw new IllegalStateException(path + " is missing: install Debian's chromium and chromium-driver (.ci/run does), or set " + variable);
        }
        return path;
    }

    /** A screenshot with an element scrolled to the top of the window, for pages longer than the window. */
    static void screenshot(WebDriver driver, String name, org.openqa.selenium.WebElement from) {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView(true)", from);
        screenshot(driver, name);
    }

    static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
