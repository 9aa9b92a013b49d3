package io.strata.bootstrap.browser;

import io.strata.bootstrap.SteerableRequests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser's guard (strata.js): a form whose first sending is still on its way is not sent again when the button is
 * pressed again. The server holds the first sending (SteerableRequests) as a slow answer would; the page presses
 * "Create token" a second time once the server has the first, and the server counts the sendings that reach it. Without
 * the script's guard Chromium sends the form again (it leaves the first navigation for the second): two reach the
 * server. A Selenium double click (DoubleClickBrowserTest) cannot show this: Chromium drops its second submission by
 * itself, the first not having gone anywhere yet.
 */
class SlowAnswerPressedAgainBrowserTest extends BrowserTest {

    /** Presses the button, waits (by asking the server) until the server holds the sending, presses again, says so. */
    private static final String PRESS_TWICE = """
            const button = document.getElementById(arguments[0]);
            const steer = (what) => fetch('/login', { headers: { '%s': what } });
            button.click();
            steer('await-arrival').then(() => {
              button.click();
              return steer('pressed-again');
            });
            """.formatted(SteerableRequests.HEADER);

    @Autowired
    SteerableRequests requests;

    @AfterEach
    void disarm() {
        requests.disarm();
    }

    @Test
    void aTokenFormPressedAgainWhileItsFirstSendingIsOnItsWayIsSentOnce() throws Exception {
        logIn();
        driver.get(uri("/admin/access").toString());
        String name = "pressed again " + UUID.randomUUID().toString().substring(0, 6);
        driver.findElement(By.id("token-name")).sendKeys(name);
        WebElement page = driver.findElement(By.tagName("html"));
        requests.holdFirstPost("/admin/tokens");

        // on a thread of its own: the driver may wait for the navigation the click began, which the server holds
        CompletableFuture<Object> pressed = CompletableFuture.supplyAsync(
                () -> ((JavascriptExecutor) driver).executeScript(PRESS_TWICE, "issue-token"));
        requests.awaitPressedAgain();
        requests.release();
        pressed.get(60, TimeUnit.SECONDS);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));

        assertThat(requests.posts()).as("sendings of the form that reached the server").isEqualTo(1);
        assertThat(driver.findElement(By.id("new-secret")).getText()).startsWith("strata_");
        assertThat(jdbc.sql("select count(*) from api_tokens where name = ?").param(name).query(Long.class).single()).isEqualTo(1);
    }
}
