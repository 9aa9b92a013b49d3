package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SegmentationBrowserTest extends BrowserTest {

    @BeforeEach
    void orders() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,s1,2024-06-01,10
                b1,s2,2024-06-01,10
                b2,s2,2024-06-05,10
                """);
    }

    @Test
    void aPlannerCreatesASegmentationFromATemplateSetsAGoalActivatesAndRunsIt() {
        logIn();
        driver.get(uri("/segmentations").toString());
        Browser.screenshot(driver, "segmentations");

        Browser.clickThrough(driver, driver.findElement(By.id("create-frequency-tiers")));
        WebElement goal = driver.findElement(By.id("goal-newcomers"));
        goal.clear();
        goal.sendKeys("Second order within 30 days");
        driver.findElement(By.id("save-goals")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(goal));
        assertThat(driver.findElement(By.id("goal-newcomers")).getDomProperty("value")).isEqualTo("Second order within 30 days");
        Browser.screenshot(driver, "segmentation");
        Browser.clickThrough(driver, driver.findElement(By.id("activate")));
        // the first segmentation replaces none (issue 18, item 1)
        assertThat(driver.findElement(By.id("activation-consequence")).getText()).startsWith("No segmentation is active yet");
        Browser.clickThrough(driver, driver.findElement(By.id("confirm-activate")));

        WebElement asOf = driver.findElement(By.id("as-of"));
        asOf.clear();
        asOf.sendKeys("06/30/2024");
        driver.findElement(By.id("run-now")).click();

        // the run's state is polled and swapped in: an element read while it is replaced is simply read again
        new WebDriverWait(driver, Duration.ofSeconds(20)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.id("run-state")).getText().equals("COMPLETED"));
        assertThat(driver.findElements(By.cssSelector("#run-segments tbody tr"))).hasSize(4);
        Browser.screenshot(driver, "run");
    }
}
