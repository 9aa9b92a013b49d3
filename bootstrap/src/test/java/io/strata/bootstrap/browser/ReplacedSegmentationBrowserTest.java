package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, item 1: activating another segmentation first shows what stays on the current one and asks; afterwards
 * the tactical segments and campaigns planned on it say so, and their links still open the segment they name.
 */
class ReplacedSegmentationBrowserTest extends BrowserTest {

    private long frequency;
    private long values;
    private long tactical;
    private long scheduled;
    private long running;

    @BeforeEach
    void plansOnFrequencyTiersAndADraftOfValueTiers() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments, campaigns cascade").update();
        post("/api/v1/imports/customers", "text/csv", "customer_id,email,email_opt_in\nf1,f1@example.com,true\nf2,f2@example.com,true\n");
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,f1,2024-06-01,10
                b1,f2,2024-06-01,10
                b2,f2,2024-06-03,10
                b3,f2,2024-06-05,10
                """);
        frequency = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Frequency\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + frequency + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        tactical = number(post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"June newcomers\",\"parentSegment\":\"newcomers\",\"rule\":\"count(orders within 60 days) >= 1\"}").body(), "id");
        scheduled = campaign("Third order push");
        post("/api/v1/campaigns/" + scheduled + "/schedule", "application/json", "");
        running = campaign("Welcome");
        post("/api/v1/campaigns/" + running + "/schedule", "application/json", "");
        post("/api/v1/campaigns/" + running + "/launch", "application/json", "");
        values = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"Values\",\"template\":\"value-tiers\"}").body(), "id");
    }

    private long campaign(String name) throws Exception {
        return number(post("/api/v1/campaigns", "application/json", """
                {"name": "%s", "targetSegment": "newcomers", "actions": [{"channel": "email", "content": "template:next"}]}""".formatted(name))
                .body(), "id");
    }

    @Test
    void activationShowsWhatStaysBehindAndAfterwardsThoseLinksStillWork() throws Exception {
        logIn();
        driver.get(uri("/segmentations/" + values).toString());
        Browser.clickThrough(driver, driver.findElement(By.id("activate")));

        assertThat(driver.findElement(By.id("current-segmentation")).getText()).isEqualTo("Frequency");
        assertThat(driver.findElement(By.id("impact-tactical")).getText()).contains("1 tactical segments stay behind").contains("June newcomers");
        assertThat(driver.findElement(By.id("impact-campaigns")).getText()).contains("2 campaigns").contains("Third order push")
                .contains("scheduled, targets newcomers").contains("Welcome").contains("running, targets newcomers");
        Browser.screenshot(driver, "activate-confirm");

        // changing one's mind changes nothing
        Browser.clickThrough(driver, driver.findElement(By.id("keep-current")));
        assertThat(status(frequency)).isEqualTo("ACTIVE");
        assertThat(status(values)).isEqualTo("DRAFT");

        Browser.clickThrough(driver, driver.findElement(By.id("activate")));
        Browser.clickThrough(driver, driver.findElement(By.id("confirm-activate")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Activated 'Values'. Run it to see its segments.");
        assertThat(status(values)).isEqualTo("ACTIVE");
        runAndAwaitFollowUps("{\"asOf\":\"2024-07-01\"}");

        // a scheduled campaign's target link opens the segment in the latest run that has it, and says which run that is
        driver.get(uri("/campaigns/" + scheduled).toString());
        assertThat(driver.findElement(By.id("campaign-replaced")).getText()).isEqualTo("planned on Frequency, since replaced by another segmentation");
        Browser.clickThrough(driver, driver.findElement(By.cssSelector("#campaign-target a")));
        assertThat(driver.findElement(By.id("segment-name")).getText()).isEqualTo("Newcomers");
        assertThat(driver.findElement(By.id("not-latest-run")).getText()).contains("of Frequency")
                .contains("the latest run has no such segment, because another segmentation has been activated since");
        assertThat(driver.findElement(By.id("member-table")).getText()).contains("f1").doesNotContain("f2");
        assertThat(driver.findElement(By.id("segment-campaigns")).getText()).contains("Third order push").contains("Welcome")
                .contains("planned on Frequency, since replaced");
        Browser.screenshot(driver, "segment-of-replaced-segmentation");

        // a launched one's link names the run its audience was frozen from
        driver.get(uri("/campaigns/" + running).toString());
        assertThat(driver.findElement(By.cssSelector("#campaign-target a")).getDomAttribute("href")).matches("/segments/newcomers\\?run=\\d+");
        Browser.clickThrough(driver, driver.findElement(By.cssSelector("#campaign-target a")));
        assertThat(driver.findElement(By.id("not-latest-run")).getText()).contains("the run this link names");

        driver.get(uri("/campaigns").toString());
        assertThat(driver.findElement(By.id("campaign-table")).getText()).contains("planned on Frequency, since replaced");
        driver.get(uri("/tactical-segments").toString());
        assertThat(driver.findElement(By.id("tactical-" + tactical)).getText()).contains("planned on Frequency, since replaced");
        driver.get(uri("/tactical-segments/" + tactical).toString());
        assertThat(driver.findElement(By.id("tactical-replaced")).getText()).contains("Planned on Frequency");
    }

    @Test
    void aFirstActivationSaysThereIsNothingToReplace() {
        jdbc.sql("update segmentations set status = 'INACTIVE' where segmentation_id = ?").param(frequency).update();
        logIn();
        driver.get(uri("/segmentations/" + values + "/activate").toString());
        assertThat(driver.findElement(By.id("activation-consequence")).getText())
                .isEqualTo("No segmentation is active yet: this one becomes the one runs, tactical segments and campaigns use.");
        assertThat(presentNow(By.id("impact-tactical"))).isEmpty();
    }

    private String status(long segmentation) {
        return jdbc.sql("select status from segmentations where segmentation_id = ?").param(segmentation).query(String.class).single();
    }
}
