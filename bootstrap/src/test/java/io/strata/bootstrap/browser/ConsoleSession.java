package io.strata.bootstrap.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Logs a browser into the console as admin. */
final class ConsoleSession {

    private ConsoleSession() {
    }

    static void logIn(WebDriver driver, String baseUrl, String password) {
        // leave the previous page first: a request it still had pending (htmx fires typed input after a delay) could
        // otherwise answer after the cookies were deleted and set a new session cookie over the login form's, whose
        // CSRF token then no longer matches (PlannerConsoleBrowserTest reuses its base, so a test's login can follow
        // the previous test's last keystroke at once)
        driver.get("about:blank");
        // cookies are deleted for the current page's site: be on it, with nothing of the previous page left running
        driver.get(baseUrl + "/login");
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
