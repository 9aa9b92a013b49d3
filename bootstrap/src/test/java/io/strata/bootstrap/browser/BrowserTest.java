package io.strata.bootstrap.browser;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One headless Chromium for all browser test classes of the JVM (starting one cost 1–3 s per class), against the
 * shared application. Each class starts from a browser with nothing of the last class left: no cookies, no emulated
 * screen, the usual implicit wait, and the console log read empty.
 */
abstract class BrowserTest extends EndToEndTest {

    /** How long a lookup waits for an element to appear; classes that assert absence often set zero themselves. */
    static final Duration IMPLICIT_WAIT = Duration.ofSeconds(5);

    protected static WebDriver driver;

    @BeforeAll
    static void openBrowser() {
        driver = Browser.shared();
        driver.manage().timeouts().implicitlyWait(IMPLICIT_WAIT);
        driver.manage().deleteAllCookies();
        ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.get("about:blank");
        // read (and so emptied) here: tests that read the log see only what their own pages wrote
        driver.manage().logs().get(LogType.BROWSER);
    }

    /**
     * The elements matching now, without the implicit wait: an absence check would otherwise wait it out every time
     * (5 s each). Console pages are rendered on the server, so once the document is complete, what is not in it will
     * not come; the wait for {@code readyState} keeps a check right after a click from looking at a half-parsed page.
     */
    protected static List<WebElement> presentNow(By by) {
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        Duration implicitWait = driver.manage().timeouts().getImplicitWaitTimeout();
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        try {
            return driver.findElements(by);
        } finally {
            driver.manage().timeouts().implicitlyWait(implicitWait);
        }
    }

    protected void logIn() {
        ConsoleSession.logIn(driver, uri("").toString(), ADMIN_PASSWORD);
    }

    /** A second person: a planner made for the test, logged in in a browser of their own (quit by the test). */
    protected record Colleague(String username, WebDriver browser) {
    }

    /** Makes a PLANNER user with {@code password} and logs them in in a new headless Chromium. */
    protected Colleague plannerInASecondBrowser(String password) throws Exception {
        String planner = "planner-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> user = post("/api/v1/users", "application/json",
                "{\"username\": \"" + planner + "\", \"password\": \"" + password + "\", \"role\": \"PLANNER\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        WebDriver browser = Browser.start();
        browser.get(uri("/login").toString());
        browser.findElement(By.id("username")).sendKeys(planner);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().contains("/login"));
        return new Colleague(planner, browser);
    }

    /** Fetches a link as the logged-in browser would follow it: with its session cookie. */
    protected HttpResponse<String> download(String href) throws Exception {
        String session = driver.manage().getCookieNamed("SESSION").getValue();
        return send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "SESSION=" + session).GET().build());
    }
}
