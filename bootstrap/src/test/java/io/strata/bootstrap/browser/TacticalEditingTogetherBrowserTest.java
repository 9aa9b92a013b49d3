package io.strata.bootstrap.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people changing one tactical segment in the console (docs/console.md, "Two people editing the same thing"): a
 * change is saved as a new version and the version changed is archived. Admin (the suite's browser) and a planner (a
 * second Chromium) open the same version's page; the planner saves a new version first; admin's save from the page
 * still open is not made: admin is sent back to the version, now archived, with a message to open its latest version;
 * the segment has one active version, the planner's.
 */
class TacticalEditingTogetherBrowserTest extends BrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PLANNER_PASSWORD = "amber meadow lantern 77";

    private WebDriver colleague;

    @BeforeEach
    void twoPeople() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        logIn();
        colleague = plannerInASecondBrowser(PLANNER_PASSWORD).browser();
    }

    @AfterEach
    void colleagueLeaves() {
        colleague.quit();
    }

    @Test
    void aNewVersionSavedByAColleagueMeanwhileLeavesOneActiveVersionAndAdminIsSentToTheLatest() throws Exception {
        HttpResponse<String> segmentation = post("/api/v1/segmentations", "application/json", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        assertThat(segmentation.statusCode()).as(segmentation.body()).isEqualTo(201);
        long segmentationId = JSON.readTree(segmentation.body()).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + segmentationId + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        HttpResponse<String> tactical = post("/api/v1/tactical-segments", "application/json",
                "{\"name\": \"Frequent\", \"parentSegment\": \"at_risk\", \"rule\": \"frequency >= 3\"}");
        assertThat(tactical.statusCode()).as(tactical.body()).isEqualTo(201);
        long id = JSON.readTree(tactical.body()).get("id").asLong();
        String page = uri("/tactical-segments/" + id).toString();
        driver.get(page);
        colleague.get(page);

        type(colleague, "revise-rule", "frequency >= 4");
        Browser.clickThrough(colleague, colleague.findElement(By.id("save-version")));
        assertThat(colleague.getCurrentUrl()).as("the planner is on the new version").doesNotEndWith("/tactical-segments/" + id);
        long plannersVersion = Long.parseLong(colleague.getCurrentUrl().substring(colleague.getCurrentUrl().lastIndexOf('/') + 1));
        assertThat(colleague.findElement(By.id("tactical-rule")).getText()).isEqualTo("frequency >= 4");

        type(driver, "revise-rule", "frequency >= 5");
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));

        // not saved: admin is back on the version admin opened, archived now, and told to open the latest
        assertThat(driver.getCurrentUrl()).endsWith("/tactical-segments/" + id);
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .isEqualTo("'Frequent' is archived; open its latest version to change it");
        assertThat(driver.findElement(By.id("tactical-status")).getText()).isEqualTo("archived");
        assertThat(presentNow(By.id("revise-form"))).as("an archived version offers no form").isEmpty();
        Browser.screenshot(driver, "tactical-revise-conflict");

        List<Long> active = jdbc.sql("select tactical_id from tactical_segments where status = 'ACTIVE'").query(Long.class).list();
        assertThat(active).as("one active version, the planner's").containsExactly(plannersVersion);
        JsonNode kept = JSON.readTree(get("/api/v1/tactical-segments/" + plannersVersion).body());
        assertThat(kept.get("rule").asText()).as("the planner's rule is kept").isEqualTo("frequency >= 4");

        // admin opens the latest version and changes that one: a version after the planner's
        driver.get(uri("/tactical-segments/" + plannersVersion).toString());
        type(driver, "revise-rule", "frequency >= 5");
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));
        assertThat(driver.findElement(By.id("tactical-rule")).getText()).isEqualTo("frequency >= 5");
        assertThat(jdbc.sql("select count(*) from tactical_segments where status = 'ACTIVE'").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from tactical_segments").query(Long.class).single()).as("three versions, two archived").isEqualTo(3);
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
