package io.strata.bootstrap.browser;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people changing one tactical segment in the console (docs/console.md, "Two people editing the same thing"): a
 * change is saved as a new version and the version changed is archived. Admin (the suite's browser) and a planner (a
 * second Chromium) open the same version's page; the planner saves a new version first; admin's save from the page
 * still open is not made: admin gets the page again (409) with everything typed still in the fields, a message naming
 * the planner and when, the planner's version as "Stored now" with a link to it, and a form that now saves onto that
 * version; saving again makes admin's text the version after the planner's, knowingly. The segment has one active
 * version throughout.
 */
class TacticalEditingTogetherBrowserTest extends BrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PLANNER_PASSWORD = "amber meadow lantern 77";

    private Colleague planner;
    private WebDriver colleague;

    @BeforeEach
    void twoPeople() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        logIn();
        planner = plannerInASecondBrowser(PLANNER_PASSWORD);
        colleague = planner.browser();
    }

    @AfterEach
    void colleagueLeaves() {
        colleague.quit();
    }

    @Test
    void aNewVersionSavedByAColleagueMeanwhileIsNamedAndWhatAdminTypedIsKeptToSaveOntoIt() throws Exception {
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

        // admin, on the page opened before, changes all three fields and saves
        type(driver, "revise-name", "Frequent buyers");
        type(driver, "revise-rule", "frequency >= 5");
        type(driver, "revise-hypothesis", "Those who came back five times answer a thank-you");
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));

        // not saved: the form again, as typed, with who changed it and when, and the planner's version stored now
        // the answer to the form (409), shown at the address of the page it was sent from (until session 58 at the POST's,
        // .../revise, which a reload sent again)
        assertThat(driver.getCurrentUrl()).as("the form's page's address").isEqualTo(page);
        assertThat(driver.findElement(By.id("edit-conflict-message")).getText()).matches(Pattern.quote("'Frequent' was changed after you read it:"
                + " a newer version, 'Frequent' (" + plannersVersion + "), was saved by " + planner.username() + " at ")
                + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC" + Pattern.quote(". Your changes were not saved, so as not to replace that version"
                + " unseen. They are still in the form: compare them with the newer version, then save again to make them the version after"
                + " it, or leave the page to keep it as it is."));
        assertThat(driver.findElement(By.id("revise-name")).getDomProperty("value")).isEqualTo("Frequent buyers");
        assertThat(driver.findElement(By.id("revise-rule")).getDomProperty("value")).isEqualTo("frequency >= 5");
        assertThat(driver.findElement(By.id("revise-hypothesis")).getDomProperty("value")).isEqualTo("Those who came back five times answer a thank-you");
        assertThat(driver.findElement(By.id("newest-version")).getDomAttribute("href")).isEqualTo("/tactical-segments/" + plannersVersion);
        assertThat(driver.findElement(By.id("stored-rule")).getText()).isEqualTo("frequency >= 4");
        assertThat(driver.findElement(By.id("revise-form")).getDomAttribute("action")).as("the form now names the planner's version")
                .isEqualTo("/tactical-segments/" + plannersVersion + "/revise");
        assertThat(driver.findElement(By.id("save-version")).getText()).isEqualTo("Save as the version after Frequent (" + plannersVersion + ")");
        assertThat(presentNow(By.id("archive-form"))).as("the archived version offers no Archive").isEmpty();
        Browser.screenshot(driver, "tactical-revise-conflict");

        List<Long> active = jdbc.sql("select tactical_id from tactical_segments where status = 'ACTIVE'").query(Long.class).list();
        assertThat(active).as("one active version, the planner's").containsExactly(plannersVersion);
        JsonNode kept = JSON.readTree(get("/api/v1/tactical-segments/" + plannersVersion).body());
        assertThat(kept.get("rule").asText()).as("the planner's rule is kept").isEqualTo("frequency >= 4");

        // admin saves again, knowingly: admin's text becomes the version after the planner's
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));
        long adminsVersion = Long.parseLong(driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1));
        assertThat(adminsVersion).isGreaterThan(plannersVersion);
        assertThat(driver.findElement(By.id("tactical-name")).getText()).isEqualTo("Frequent buyers");
        assertThat(driver.findElement(By.id("tactical-rule")).getText()).isEqualTo("frequency >= 5");
        assertThat(driver.findElement(By.id("tactical-hypothesis")).getText()).isEqualTo("Those who came back five times answer a thank-you");
        assertThat(jdbc.sql("select tactical_id || ':' || status || ':' || coalesce(original_id, tactical_id) from tactical_segments order by tactical_id")
                .query(String.class).list()).as("three versions of one segment, the newest admin's and the only active one")
                .containsExactly(id + ":ARCHIVED:" + id, plannersVersion + ":ARCHIVED:" + id, adminsVersion + ":ACTIVE:" + id);
    }

    @Test
    void aVersionArchivedByAColleagueMeanwhileIsNamedAndWhatAdminTypedIsKeptButNotSaved() throws Exception {
        HttpResponse<String> segmentation = post("/api/v1/segmentations", "application/json", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        long segmentationId = JSON.readTree(segmentation.body()).get("id").asLong();
        assertThat(post("/api/v1/segmentations/" + segmentationId + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        HttpResponse<String> tactical = post("/api/v1/tactical-segments", "application/json",
                "{\"name\": \"Frequent\", \"parentSegment\": \"at_risk\", \"rule\": \"frequency >= 3\"}");
        long id = JSON.readTree(tactical.body()).get("id").asLong();
        String page = uri("/tactical-segments/" + id).toString();
        driver.get(page);
        colleague.get(page);

        // the planner archives it (the page asks first: the browser's dialog, accepted)
        colleague.findElement(By.id("archive-tactical")).click();
        new WebDriverWait(colleague, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
        new WebDriverWait(colleague, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("tactical-status")).getText().equals("archived"));

        type(driver, "revise-rule", "frequency >= 5");
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));
        assertThat(driver.findElement(By.id("edit-conflict-message")).getText()).matches(Pattern.quote("'Frequent' was archived after you read it, by "
                + planner.username() + " at ") + "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC" + Pattern.quote(". Your changes were not saved: an"
                + " archived tactical segment is not changed. They are still in the form: to keep them, create a new tactical segment with them."));
        assertThat(driver.findElement(By.id("revise-rule")).getDomProperty("value")).isEqualTo("frequency >= 5");
        assertThat(presentNow(By.id("save-version"))).as("nothing to save onto").isEmpty();
        assertThat(driver.findElement(By.id("new-tactical-from-conflict")).getDomAttribute("href")).isEqualTo("/tactical-segments/new?parent=at_risk");
        assertThat(jdbc.sql("select tactical_id || ':' || status from tactical_segments").query(String.class).list())
                .containsExactly(id + ":ARCHIVED");
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
