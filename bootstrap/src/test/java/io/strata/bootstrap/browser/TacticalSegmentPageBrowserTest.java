package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.time.Duration;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 18, item 3: a tactical segment has a page (rule, hypothesis, members with CSV, share of the parent over runs,
 * campaigns using it), is changed as a new version and archived there, and shows its live count before its first run.
 */
class TacticalSegmentPageBrowserTest extends BrowserTest {

    private long tactical;

    /** Three newcomers (one order each), two of them on a smart TV; one repeat customer on a smart TV. */
    @BeforeEach
    void smartTvNewcomersSavedAfterARun() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments, campaigns cascade").update();
        post("/api/v1/imports/customers", "text/csv", "customer_id,device,email,email_opt_in\nv1,smart_tv,v1@example.com,true\n"
                + "v2,web,v2@example.com,true\nv3,smart_tv,v3@example.com,true\nv4,smart_tv,v4@example.com,true\n");
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,v1,2024-06-01,10
                a2,v2,2024-06-01,10
                a3,v3,2024-06-01,10
                b1,v4,2024-06-01,10
                b2,v4,2024-06-02,10
                b3,v4,2024-06-03,10
                """);
        long id = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"F\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + id + "/activate", "application/json", "");
        post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        tactical = number(post("/api/v1/tactical-segments", "application/json", """
                {"name": "Smart TV newcomers", "parentSegment": "newcomers", "rule": "device = \\"smart_tv\\"",
                 "hypothesis": "They answer to TV-night offers"}""").body(), "id");
    }

    @Test
    void beforeItsFirstRunTheListAndThePageShowTheLiveCountAtSave() {
        logIn();
        driver.get(uri("/tactical-segments").toString());
        WebElement row = driver.findElement(By.id("tactical-" + tactical));
        assertThat(row.findElement(By.className("tactical-members")).getText()).isEqualTo("2 when saved; the next run computes them");
        assertThat(row.getText()).contains("66.7%");
        Browser.clickThrough(driver, row.findElement(By.linkText("Smart TV newcomers")));

        assertThat(driver.findElement(By.id("tactical-rule")).getText()).isEqualTo("device = \"smart_tv\"");
        assertThat(driver.findElement(By.id("tactical-hypothesis")).getText()).isEqualTo("They answer to TV-night offers");
        assertThat(driver.findElement(By.id("tactical-members")).getText())
                .isEqualTo("2 of 3 when saved (live count); the next run computes them");
        assertThat(driver.findElement(By.id("no-shares")).getText()).isEqualTo("No run has computed it yet.");
    }

    @Test
    void aPlannerReadsMembersSharesAndCampaignsThenSavesANewVersionAndArchivesIt() throws Exception {
        post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-06-30\"}");
        post("/api/v1/imports/customers", "text/csv", "customer_id,device\nv3,web\n");
        post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-07-01\"}");
        assertThat(post("/api/v1/campaigns", "application/json", """
                {"name": "TV night", "targetSegment": "newcomers", "tacticalSegmentId": %d,
                 "actions": [{"channel": "email", "content": "template:tv"}]}""".formatted(tactical)).statusCode()).isEqualTo(201);
        logIn();
        driver.get(uri("/tactical-segments/" + tactical).toString());

        assertThat(driver.findElement(By.id("tactical-members")).getText()).isEqualTo("1 of 3 in the latest run");
        assertThat(driver.findElements(By.cssSelector("#share-table tbody tr"))).extracting(WebElement::getText)
                .hasSize(2).satisfies(rows -> {
                    assertThat(rows.get(0)).contains("2024-06-30").contains("66.7%");
                    assertThat(rows.get(1)).contains("2024-07-01").contains("33.3%");
                });
        assertThat(driver.findElement(By.id("tactical-member-list")).findElements(By.cssSelector("li"))).extracting(WebElement::getText)
                .containsExactly("v1");
        assertThat(driver.findElement(By.id("tactical-campaigns")).getText()).contains("TV night").contains("draft, narrows its target to it");
        HttpResponse<String> csv = download(driver.findElement(By.id("tactical-export-csv")).getDomProperty("href"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().toList()).containsExactly("customer_id", "v1");
        Browser.screenshot(driver, "tactical-segment");

        // a rule the parser refuses is shown where it is wrong, and nothing is saved
        WebElement rule = driver.findElement(By.id("revise-rule"));
        rule.clear();
        rule.sendKeys("device = ");
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));
        // read again until the answer's document holds still: once (the session 43 merge's verify) the textarea found
        // right after the page had loaded no longer belonged to the document when its attribute was asked
        String invalid = new WebDriverWait(driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
                .until(d -> d.findElement(By.id("revise-rule")).getDomAttribute("aria-invalid"));
        assertThat(invalid).isEqualTo("true");
        rule = driver.findElement(By.id("revise-rule"));
        assertThat(driver.findElement(By.id(rule.getDomAttribute("aria-describedby"))).getText()).contains("device =").contains("^");
        assertThat(jdbc.sql("select count(*) from tactical_segments").query(Long.class).single()).isEqualTo(1);

        rule.clear();
        rule.sendKeys("device = \"web\"");
        Browser.clickThrough(driver, driver.findElement(By.id("save-version")));
        long revised = Long.parseLong(driver.getCurrentUrl().replaceAll(".*/tactical-segments/", ""));
        assertThat(revised).isNotEqualTo(tactical);
        assertThat(driver.findElement(By.cssSelector("[role=status]")).getText()).isEqualTo("Saved as a new version of 'Smart TV newcomers';"
                + " the previous version is archived and stays with the campaigns that used it. It matches 2 of 3 customers of its parent"
                + " in the latest run.");
        assertThat(driver.findElement(By.id("tactical-rule")).getText()).isEqualTo("device = \"web\"");
        assertThat(status(tactical)).isEqualTo("ARCHIVED");
        assertThat(driver.findElement(By.id("no-campaigns")).getText()).as("the campaign keeps the version it used").isEqualTo("No campaign uses it.");

        // archiving asks first, with its consequence
        driver.findElement(By.id("archive-tactical")).click();
        var confirm = new WebDriverWait(driver, Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Archive Smart TV newcomers? Runs stop computing its members and new campaigns cannot use it;"
                + " campaigns that used it keep their audiences.");
        confirm.dismiss();
        assertThat(status(revised)).isEqualTo("ACTIVE");
        WebElement archive = driver.findElement(By.id("archive-tactical"));
        archive.click();
        driver.switchTo().alert().accept();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(archive));
        assertThat(status(revised)).isEqualTo("ARCHIVED");
        assertThat(driver.findElement(By.id("tactical-status")).getText()).isEqualTo("archived");
        assertThat(presentNow(By.id("revise-form"))).as("an archived version is not changed").isEmpty();
    }

    private String status(long id) {
        return jdbc.sql("select status from tactical_segments where tactical_id = ?").param(id).query(String.class).single();
    }
}
