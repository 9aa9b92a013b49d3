package io.strata.bootstrap.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Logs a browser into the console as admin. */
final class ConsoleSession {

    private ConsoleSession() {
    }

    static void logIn(WebDriver driver, String baseUrl, String password) {
        driver.manage().deleteAllCookies();
        driver.get(baseUrl + "/login");
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        // the login answers with a redirect once the session is stored (in PostgreSQL): a page opened before that
        // would be sent back to the login form; under a loaded machine (a benchmark beside the suite) it took over 20 s
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(60))
                .until(d -> !d.getCurrentUrl().contains("/login"));
    }
}
