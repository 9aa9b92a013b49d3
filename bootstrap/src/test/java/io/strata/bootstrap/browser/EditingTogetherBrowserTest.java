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
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two people editing the same thing in the console (docs/console.md, "Two people editing the same thing"): admin (the
 * suite's browser) and a planner (a second Chromium, a session of its own) open the same form; the planner saves
 * first; admin's save is not made but shows the form again as admin typed it, with a message naming the planner and
 * what is stored now; admin re-applies and saves. The planner's change is kept throughout.
 */
class EditingTogetherBrowserTest extends BrowserTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PLANNER_PASSWORD = "amber meadow lantern 77";
    private static final Pattern MINUTE = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC");

    private String planner;
    private WebDriver colleague;

    @BeforeEach
    void twoPeople() throws Exception {
        emptyDatabase();
        logIn();
        Colleague second = plannerInASecondBrowser(PLANNER_PASSWORD);
        planner = second.username();
        colleague = second.browser();
    }

    @AfterEach
    void colleagueLeaves() {
        colleague.quit();
    }

    @Test
    void aCampaignDraftSavedByAColleagueMeanwhileIsNotOverwritten() throws Exception {
        long segmentation = segmentation();
        assertThat(post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        HttpResponse<String> created = post("/api/v1/campaigns", "application/json", """
                {"name": "Win back", "objective": "bring them back", "targetSegment": "at_risk",
                 "actions": [{"channel": "email", "content": "template:winback-1"}]}""");
        long id = JSON.readTree(created.body()).get("id").asLong();
        String form = uri("/campaigns/" + id + "/edit").toString();
        driver.get(form);
        colleague.get(form);

        type(colleague, "objective", "bring them back by June");
        Browser.clickThrough(colleague, colleague.findElement(By.id("save-campaign")));
        assertThat(colleague.getCurrentUrl()).endsWith("/campaigns/" + id);

        type(driver, "name", "Win back, spring");
        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));

        // not saved: the form again, as admin typed it, beside what is stored now and who changed it
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/" + id + "/edit");
        String message = driver.findElement(By.id("edit-conflict-message")).getText();
        assertThat(message).startsWith("Campaign " + id + " was changed after you read it, by " + planner + " at ")
                .endsWith(". Your changes were not saved, so as not to overwrite that change unseen: read it again, re-apply your changes"
                        + " to what is stored now, and save again.");
        assertThat(MINUTE.matcher(message).find()).as(message).isTrue();
        assertThat(driver.findElement(By.id("stored-name")).getText()).isEqualTo("Win back");
        assertThat(driver.findElement(By.id("stored-objective")).getText()).isEqualTo("bring them back by June");
        assertThat(driver.findElement(By.id("name")).getAttribute("value")).isEqualTo("Win back, spring");
        assertThat(driver.findElement(By.id("objective")).getAttribute("value")).isEqualTo("bring them back");
        Browser.screenshot(driver, "campaign-edit-conflict");
        JsonNode stored = JSON.readTree(get("/api/v1/campaigns/" + id).body());
        assertThat(stored.get("name").asText()).as("admin's change was not saved").isEqualTo("Win back");
        assertThat(stored.get("objective").asText()).as("the planner's change is kept").isEqualTo("bring them back by June");

        // admin re-applies onto what is stored now and saves: both changes are kept
        type(driver, "objective", "bring them back by June");
        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/" + id);
        stored = JSON.readTree(get("/api/v1/campaigns/" + id).body());
        assertThat(stored.get("name").asText()).isEqualTo("Win back, spring");
        assertThat(stored.get("objective").asText()).isEqualTo("bring them back by June");
    }

    @Test
    void aSegmentationSavedByAColleagueMeanwhileIsNotOverwritten() throws Exception {
        long id = segmentation();
        String page = uri("/segmentations/" + id).toString();
        driver.get(page);
        colleague.get(page);
        String championsGoal = driver.findElement(By.id("goal-champions")).getAttribute("value");

        type(colleague, "goal-champions", "Keep them delighted");
        Browser.clickThrough(colleague, colleague.findElement(By.id("save-goals")));
        assertThat(colleague.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Saved.");

        type(driver, "goal-at_risk", "Win them back before they churn");
        Browser.clickThrough(driver, driver.findElement(By.id("save-goals")));

        String message = driver.findElement(By.id("edit-conflict-message")).getText();
        assertThat(message).startsWith("Segmentation " + id + " was changed after you read it, by " + planner + " at ")
                .endsWith(". Your changes were not saved, so as not to overwrite that change unseen: read it again, re-apply your changes"
                        + " to what is stored now, and save again.");
        assertThat(driver.findElement(By.id("stored-goal-champions")).getText()).isEqualTo("Keep them delighted");
        assertThat(driver.findElement(By.id("goal-at_risk")).getAttribute("value")).isEqualTo("Win them back before they churn");
        assertThat(driver.findElement(By.id("goal-champions")).getAttribute("value")).as("admin's form as admin typed it").isEqualTo(championsGoal);
        Browser.screenshot(driver, "segmentation-edit-conflict");
        assertThat(goal(id, "champions")).as("the planner's change is kept").isEqualTo("Keep them delighted");
        assertThat(goal(id, "at_risk")).as("admin's change was not saved").isNotEqualTo("Win them back before they churn");

        type(driver, "goal-champions", "Keep them delighted");
        Browser.clickThrough(driver, driver.findElement(By.id("save-goals")));
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Saved.");
        assertThat(goal(id, "champions")).isEqualTo("Keep them delighted");
        assertThat(goal(id, "at_risk")).isEqualTo("Win them back before they churn");
    }

    private long segmentation() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\": \"Value\", \"template\": \"rfm-classic\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asLong();
    }

    private String goal(long segmentation, String key) throws Exception {
        for (JsonNode segment : JSON.readTree(get("/api/v1/segmentations/" + segmentation).body()).get("segments")) {
            if (segment.get("key").asText().equals(key)) {
                return segment.get("goal").asText();
            }
        }
        throw new AssertionError("no segment " + key);
    }

    private static void type(WebDriver browser, String id, String text) {
        WebElement input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }
}
