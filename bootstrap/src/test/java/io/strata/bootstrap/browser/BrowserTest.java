package io.strata.bootstrap.browser;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.WebDriver;

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
}
