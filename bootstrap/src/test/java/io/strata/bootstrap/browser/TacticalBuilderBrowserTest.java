package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

class TacticalBuilderBrowserTest extends BrowserTest {

    @BeforeEach
    void base() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        post("/api/v1/imports/customers", "text/csv", "customer_id,device\nv1,smart_tv\nv2,web\nv3,smart_tv\n");
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,v1,2024-06-01,10
                a2,v2,2024-06-01,10
                a3,v3,2024-06-01,10
                """);
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"F\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
        post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
    }

    @Test
    void aPlannerSeesWhereTheRuleIsWrongFixesItSeesTheLiveCountAndSaves() {
        logIn();
        driver.get(uri("/tactical-segments/new").toString());
        new Select(driver.findElement(By.id("parent"))).selectByValue("newcomers");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));

        WebElement rule = driver.findElement(By.id("rule"));
        rule.sendKeys("device = ");
        wait.until(d -> !d.findElements(By.id("error-column")).isEmpty());
        assertThat(driver.findElement(By.id("error-line")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("error-column")).getText()).isEqualTo("10"); // where the value should begin
        Browser.screenshot(driver, "tactical-builder-error");

        rule = driver.findElement(By.id("rule"));
        rule.sendKeys("\"smart_tv\"");
        rule.sendKeys(Keys.SPACE);
        wait.until(d -> !d.findElements(By.id("preview-count")).isEmpty());
        assertThat(driver.findElement(By.id("preview-count")).getText()).isEqualTo("2");
        assertThat(driver.findElement(By.id("preview-sample")).getText()).isEqualTo("v1, v3");
        Browser.screenshot(driver, "tactical-builder");

        driver.findElement(By.id("name")).sendKeys("Smart TV newcomers");
        driver.findElement(By.id("save-tactical")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/tactical-segments"));
        assertThat(driver.findElement(By.id("tactical-table")).getText()).contains("Smart TV newcomers").contains("newcomers");
        Browser.screenshot(driver, "tactical-segments");
    }

    @Test
    void suggestionsComeFromTheCatalogueForThePlaceOfTheCursorAndAClickInsertsThem() throws Exception {
        post("/api/v1/imports/events", "text/csv", "customer_id,event_type,occurred_at,ip\nv1,session,2024-06-20,10.0.0.1\nv2,email_open,2024-06-21,\n");
        logIn();
        driver.get(uri("/tactical-segments/new").toString());
        new Select(driver.findElement(By.id("parent"))).selectByValue("newcomers");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));

        driver.findElement(By.id("rule")).sendKeys("distinct(events \"ses");
        wait.until(d -> !d.findElements(By.cssSelector("button.completion[data-complete='session']")).isEmpty());
        driver.findElement(By.cssSelector("button.completion[data-complete='session']")).click();
        driver.findElement(By.id("rule")).sendKeys("\".");
        wait.until(d -> !d.findElements(By.cssSelector("button.completion[data-complete='ip']")).isEmpty());
        driver.findElement(By.cssSelector("button.completion[data-complete='ip']")).click();
        driver.findElement(By.id("rule")).sendKeys(" within 9999 days) >= 1"); // a preview counts back from today
        wait.until(d -> !d.findElements(By.id("preview-count")).isEmpty());

        assertThat(driver.findElement(By.id("rule")).getAttribute("value")).isEqualTo("distinct(events \"session\".ip within 9999 days) >= 1");
        assertThat(driver.findElement(By.id("preview-count")).getText()).isEqualTo("1"); // v1 has a session with an ip
    }
}
