package io.strata.bootstrap.browser;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** One headless Chromium per browser test class, against the shared application. */
abstract class BrowserTest extends EndToEndTest {

    protected static WebDriver driver;

    @BeforeAll
    static void openBrowser() {
        driver = Browser.start();
    }

    @AfterAll
    static void closeBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    protected void logIn() {
        ConsoleSession.logIn(driver, uri("").toString(), ADMIN_PASSWORD);
    }

    /** Fetches a link as the logged-in browser would follow it: with its session cookie. */
    protected HttpResponse<String> download(String href) throws Exception {
        String session = driver.manage().getCookieNamed("SESSION").getValue();
        return send(HttpRequest.newBuilder(URI.create(href)).header("Cookie", "SESSION=" + session).GET().build());
    }
}
