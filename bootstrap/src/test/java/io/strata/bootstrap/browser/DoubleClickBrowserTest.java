package io.strata.bootstrap.browser;

import io.strata.adapters.web.console.OnceSentForms;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A double click on a console form's button sends the form once (strata.js: a form on its way is not sent again), and
 * the button's name and value still go with it: the button is disabled only once the browser has built what the form
 * sends (disabled in the click or submit handler, it is left out of the submission: the campaign form's intent).
 */
class DoubleClickBrowserTest extends BrowserTest {

    @Autowired
    OnceSentForms onceSent;

    private void doubleClickAndWait(By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        new Actions(driver).doubleClick(driver.findElement(button)).perform();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.until(ExpectedConditions.stalenessOf(page));
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    @Test
    void aDoubleClickOnCreateTokenSendsTheFormOnceAndMakesOneToken() {
        logIn();
        driver.get(uri("/admin/access").toString());
        String name = "double click " + UUID.randomUUID().toString().substring(0, 6);
        driver.findElement(By.id("token-name")).sendKeys(name);
        long answeredAgain = onceSent.answeredAgain();

        doubleClickAndWait(By.id("issue-token"));

        assertThat(driver.findElement(By.id("new-secret")).getText()).startsWith("strata_");
        assertThat(jdbc.sql("select count(*) from api_tokens where name = ?").param(name).query(Long.class).single()).isEqualTo(1);
        assertThat(onceSent.answeredAgain()).as("the server got the form once").isEqualTo(answeredAgain);
    }

    @Test
    void aDoubleClickOnAButtonWithAValueSendsItsValue() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Tiers\",\"template\":\"frequency-tiers\"}");
        String id = created.body().replaceAll("(?s).*\"id\"\\s*:\\s*(\\d+).*", "$1");
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        logIn();
        driver.get(uri("/campaigns/new").toString());
        assertThat(presentNow(By.id("action-1-content"))).isEmpty();
        long answeredAgain = onceSent.answeredAgain();

        // "Add an action" sends intent=add-action; without it the form would be saved (and refused: it has no name)
        doubleClickAndWait(By.id("add-action"));

        assertThat(driver.findElement(By.id("action-1-content")).isDisplayed()).isTrue();
        assertThat(presentNow(By.id("action-2-content"))).isEmpty();
        assertThat(presentNow(By.id("form-errors"))).isEmpty();
        assertThat(onceSent.answeredAgain()).isEqualTo(answeredAgain);
    }
}
