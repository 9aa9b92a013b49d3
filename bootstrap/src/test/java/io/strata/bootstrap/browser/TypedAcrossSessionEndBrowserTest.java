package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a planner typed into a console form when the session had ended (30 idle minutes, a log-out in another tab):
 * session 57 took them to the login, which said the form was not saved, and back to the form's page after the login, with
 * the form empty. Now the tab keeps the form's fields (strata.js, sessionStorage) and puts them back into the same form
 * after the login, saying so in one line, without sending it; for the same user only. The session ends as in
 * SessionEndedConsoleTest: its row in {@code spring_session} is aged past the 30 minutes.
 * <p>
 * Oracles written out: the typed texts, the login page's words, the line, nothing saved until Save is pressed, nothing
 * left in the tab's storage afterwards, another user's empty form.
 */
class TypedAcrossSessionEndBrowserTest extends BrowserTest {

    private static final String PASSWORD = "copper valley lantern 58";
    private static final String KEPT_LINE = " What you typed is kept in this tab and put back into the form there.";
    private static final String BUILDER = "/tactical-segments/new?parent=newcomers";
    private static final String RULE = "device = \"smart_tv\"\nand frequency >= 1";

    private String planner;
    private long segmentationId;
    private WebDriverWait wait;

    @BeforeEach
    void base() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        post("/api/v1/imports/customers", "text/csv", "customer_id,device,email_opt_in\nv1,smart_tv,true\nv2,web,true\nv3,smart_tv,true\n");
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount
                a1,v1,2024-06-01,10
                a2,v2,2024-06-01,10
                a3,v3,2024-06-01,10
                """);
        segmentationId = number(post("/api/v1/segmentations", "application/json", "{\"name\":\"F\",\"template\":\"frequency-tiers\"}").body(), "id");
        post("/api/v1/segmentations/" + segmentationId + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        planner = "planner-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> user = post("/api/v1/users", "application/json",
                "{\"username\": \"" + planner + "\", \"password\": \"" + PASSWORD + "\", \"role\": \"PLANNER\"}");
        assertThat(user.statusCode()).as(user.body()).isEqualTo(201);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @Test
    void theBuildersFieldsSentAfterTheSessionEndedAreBackAfterTheLoginAndSavedOnlyWhenSaveIsPressed() {
        logInAs(planner, PASSWORD);
        openBuilder();
        driver.findElement(By.id("name")).sendKeys("TV watchers who buy");
        driver.findElement(By.id("rule")).sendKeys(RULE);
        driver.findElement(By.id("hypothesis")).sendKeys("They answer a TV-first offer");
        wait.until(d -> !d.findElements(By.id("preview-count")).isEmpty());
        quiet();
        String typedRule = driver.findElement(By.id("rule")).getDomProperty("value");
        assertThat(typedRule).isEqualTo(RULE);
        expire(planner);

        Browser.clickThrough(driver, driver.findElement(By.id("save-tactical")));

        assertThat(driver.getCurrentUrl()).endsWith("/login?expired&unsaved");
        assertThat(driver.findElement(By.id("session-ended")).getText()).isEqualTo("Your session had ended (after a time without use, or a "
                + "log-out in another tab), so the form you sent was not saved. Log in, and you are taken back to its page to fill it in and "
                + "send it again." + KEPT_LINE);
        assertThat(tacticalNamed("TV watchers who buy")).as("nothing saved").isZero();
        assertThat(seriousAccessibilityViolations()).as("the login page with the kept line").isEmpty();

        logInOnThisPage(planner, PASSWORD);

        assertThat(driver.getCurrentUrl()).endsWith(BUILDER);
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("TV watchers who buy");
        assertThat(driver.findElement(By.id("rule")).getDomProperty("value")).isEqualTo(RULE);
        assertThat(driver.findElement(By.id("hypothesis")).getDomProperty("value")).isEqualTo("They answer a TV-first offer");
        assertThat(typedBack()).isEqualTo("What you typed before the session ended is back, not sent yet: press “Save” to send it.");
        // the rule put back is checked as if typed: v1 and v3 watch on a TV and bought
        wait.until(d -> !d.findElements(By.id("preview-count")).isEmpty());
        assertThat(driver.findElement(By.id("preview-count")).getText()).isEqualTo("2");
        assertThat(keptInTheTab()).as("forgotten once put back").isEqualTo("[]");
        assertThat(tacticalNamed("TV watchers who buy")).as("not sent by itself").isZero();
        assertThat(seriousAccessibilityViolations()).as("the page with the line put back, and the login page before it").isEmpty();

        Browser.clickThrough(driver, driver.findElement(By.id("save-tactical")));
        assertThat(driver.getCurrentUrl()).endsWith("/tactical-segments");
        // a form sends its text's line breaks as CR LF
        assertThat(jdbc.sql("select rule from tactical_segments where name = 'TV watchers who buy'").query(String.class).single())
                .isEqualTo(RULE.replace("\n", "\r\n"));
    }

    @Test
    void aRuleTypedAfterTheSessionEndedIsKeptWhenTheBuildersCheckTakesThePageToTheLogin() {
        logInAs(planner, PASSWORD);
        openBuilder();
        driver.findElement(By.id("name")).sendKeys("Typed while away");
        driver.findElement(By.id("rule")).sendKeys("frequency >= 1");
        wait.until(d -> !d.findElements(By.id("preview-count")).isEmpty());
        quiet();
        expire(planner);

        // the check after the pause in typing finds the session ended, and htmx takes the whole page to the login
        driver.findElement(By.id("rule")).sendKeys(" and device = \"smart_tv\"");
        wait.until(d -> d.getCurrentUrl().contains("/login"));

        assertThat(driver.getCurrentUrl()).endsWith("/login?expired");
        assertThat(driver.findElement(By.id("session-ended")).getText()).isEqualTo("Your session has ended (after a time without use, or a "
                + "log-out in another tab). Log in to go on where you were." + KEPT_LINE);
        logInOnThisPage(planner, PASSWORD);

        assertThat(driver.getCurrentUrl()).endsWith(BUILDER);
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Typed while away");
        assertThat(driver.findElement(By.id("rule")).getDomProperty("value")).isEqualTo("frequency >= 1 and device = \"smart_tv\"");
        assertThat(typedBack()).isEqualTo("What you typed before the session ended is back, not sent yet: press “Save” to send it.");
        assertThat(tacticalNamed("Typed while away")).isZero();
    }

    @Test
    void whatAPlannerTypedIsNotPutBackForSomeoneElseWhoLogsInInTheSameTab() {
        logInAs(planner, PASSWORD);
        openBuilder();
        driver.findElement(By.id("name")).sendKeys("Planner's secret plan");
        driver.findElement(By.id("rule")).sendKeys("frequency >= 1");
        driver.findElement(By.id("hypothesis")).sendKeys("Only the planner should read this");
        wait.until(d -> !d.findElements(By.id("preview-count")).isEmpty());
        quiet();
        expire(planner);
        Browser.clickThrough(driver, driver.findElement(By.id("save-tactical")));
        assertThat(driver.getCurrentUrl()).endsWith("/login?expired&unsaved");
        assertThat(driver.findElement(By.id("session-ended")).getText()).endsWith(KEPT_LINE);

        // admin sits down at the same browser tab and logs in: taken to the page the form was on, with an empty form
        logInOnThisPage("admin", ADMIN_PASSWORD);

        assertThat(driver.getCurrentUrl()).endsWith(BUILDER);
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEmpty();
        assertThat(driver.findElement(By.id("rule")).getDomProperty("value")).isEmpty();
        assertThat(driver.findElement(By.id("hypothesis")).getDomProperty("value")).isEmpty();
        assertThat(presentNow(By.id("typed-back"))).isEmpty();
        assertThat(keptInTheTab()).isEqualTo("[]");
        assertThat(String.valueOf(((JavascriptExecutor) driver).executeScript("return JSON.stringify(sessionStorage)")))
                .doesNotContain("secret");
    }

    @Test
    void aCampaignDraftWithAnAddedActionComesBackWholeAndTheAddedActionLeavesTheFormsAddress() {
        logInAs(planner, PASSWORD);
        driver.get(uri("/campaigns/new").toString());
        driver.findElement(By.id("name")).sendKeys("Win them back");
        driver.findElement(By.id("objective")).sendKeys("Move newcomers up to regulars");
        new Select(driver.findElement(By.id("target-segment"))).selectByValue("newcomers");
        driver.findElement(By.id("action-0-content")).sendKeys("template:welcome-1");
        Browser.clickThrough(driver, driver.findElement(By.id("add-action")));
        // the form with one more action, answered to the POST: shown at the form's own address, not at /campaigns (the list)
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/new");
        new Select(driver.findElement(By.id("action-1-channel"))).selectByValue("sms");
        driver.findElement(By.id("action-1-content")).sendKeys("Come back: 10 % off");
        WebElement control = driver.findElement(By.id("control-group"));
        control.clear();
        control.sendKeys("20");
        expire(planner);

        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));
        assertThat(driver.getCurrentUrl()).endsWith("/login?expired&unsaved");
        logInOnThisPage(planner, PASSWORD);

        assertThat(driver.getCurrentUrl()).as("the form's page, not the list the POST's address names").endsWith("/campaigns/new");
        wait.until(d -> !d.findElements(By.id("typed-back")).isEmpty() && !d.findElement(By.id("typed-back")).getText().isEmpty());
        assertThat(typedBack()).isEqualTo("What you typed before the session ended is back, not sent yet: press “Save draft” to send it.");
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Win them back");
        assertThat(driver.findElement(By.id("objective")).getDomProperty("value")).isEqualTo("Move newcomers up to regulars");
        assertThat(new Select(driver.findElement(By.id("target-segment"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("newcomers");
        assertThat(driver.findElement(By.id("action-0-content")).getDomProperty("value")).isEqualTo("template:welcome-1");
        assertThat(new Select(driver.findElement(By.id("action-1-channel"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("sms");
        assertThat(driver.findElement(By.id("action-1-content")).getDomProperty("value")).isEqualTo("Come back: 10 % off");
        assertThat(driver.findElement(By.id("control-group")).getDomProperty("value")).isEqualTo("20");
        assertThat(campaignsNamed("Win them back")).as("not sent by itself").isZero();

        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));
        assertThat(driver.getCurrentUrl()).matches(".*/campaigns/\\d+$");
        assertThat(campaignsNamed("Win them back")).isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from campaign_actions a join campaigns c using (campaign_id) where c.name = 'Win them back'")
                .query(Long.class).single()).as("both actions saved").isEqualTo(2L);
    }

    @Test
    void anUploadSentByHtmxAfterTheSessionEndedSaysItWasNotDoneAndItsChoicesComeBackButNotTheFile() throws Exception {
        Path file = Files.createTempFile("typed-across", ".csv");
        Files.writeString(file, "order_id,customer_id,ordered_at,amount\nz1,v1,2024-06-02,5\n");
        logInAs(planner, PASSWORD);
        driver.get(uri("/imports/new").toString());
        driver.findElement(By.id("entity-orders")).click();
        driver.findElement(By.id("mode-lenient")).click();
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        long imports = jdbc.sql("select count(*) from imports").query(Long.class).single();
        expire(planner);

        driver.findElement(By.id("upload-button")).click();
        wait.until(d -> d.getCurrentUrl().contains("/login"));

        assertThat(driver.getCurrentUrl()).as("the upload was a form sent, not a check").endsWith("/login?expired&unsaved");
        assertThat(driver.findElement(By.id("session-ended")).getText()).startsWith("Your session had ended").endsWith(KEPT_LINE);
        assertThat(jdbc.sql("select count(*) from imports").query(Long.class).single()).as("nothing imported").isEqualTo(imports);
        logInOnThisPage(planner, PASSWORD);

        assertThat(driver.getCurrentUrl()).endsWith("/imports/new");
        assertThat(driver.findElement(By.id("entity-orders")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("mode-lenient")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("file")).getDomProperty("value")).isEmpty();
        assertThat(typedBack()).isEqualTo("What you chose before the session ended is back, but not the file: choose it again, then press "
                + "“Import” to send it.");
        Files.delete(file);
    }

    @Test
    void aRefusedCampaignFormIsShownAtTheFormsAddressAndAReloadAsksForThePageNotTheFormAgain() {
        logInAs(planner, PASSWORD);
        driver.get(uri("/campaigns/new").toString());
        driver.findElement(By.id("name")).sendKeys("Too big a control group");
        driver.findElement(By.id("action-0-content")).sendKeys("template:welcome-1");
        WebElement control = driver.findElement(By.id("control-group"));
        control.clear();
        control.sendKeys("150");
        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));

        // 422: the error at its field, what was typed kept, and the address the form's page's
        assertThat(driver.findElement(By.id("control-group")).getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("control-group")).getDomProperty("value")).isEqualTo("150");
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEqualTo("Too big a control group");
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/new");

        driver.navigate().refresh();
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/new");
        assertThat(presentNow(By.id("form-errors"))).as("the page asked for again, not the form sent again").isEmpty();
        assertThat(driver.findElement(By.id("control-group")).getDomProperty("value")).as("the form as the page offers it").isEqualTo("10");
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).isEmpty();
    }

    @Test
    void aRefusedCancelReasonIsShownAtTheCampaignsAddress() throws Exception {
        HttpResponse<String> draft = post("/api/v1/campaigns", "application/json", """
                {"name": "Reasons", "targetSegment": "newcomers", "actions": [{"channel": "email", "content": "Hi"}]}""");
        assertThat(draft.statusCode()).as(draft.body()).isEqualTo(201);
        long id = number(draft.body(), "id");
        logInAs(planner, PASSWORD);
        driver.get(uri("/campaigns/" + id).toString());
        ((JavascriptExecutor) driver).executeScript("document.getElementById('cancel-reason').removeAttribute('maxlength')");
        driver.findElement(By.id("cancel-reason")).sendKeys("x".repeat(515));
        driver.findElement(By.id("transition-cancel")).click();
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
        wait.until(d -> "true".equals(d.findElement(By.id("cancel-reason")).getDomAttribute("aria-invalid")));

        assertThat(driver.findElement(By.id("cancel-reason")).getDomProperty("value")).hasSize(515);
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/" + id);
    }

    @Test
    void aDraftsEditPutBackKeepsTheRevisionItWasReadAtSoAColleaguesChangeMeanwhileIsNotOverwritten() throws Exception {
        HttpResponse<String> draft = post("/api/v1/campaigns", "application/json", """
                {"name": "Spring promo", "targetSegment": "newcomers", "actions": [{"channel": "email", "content": "Hi"}]}""");
        long id = number(draft.body(), "id");
        logInAs(planner, PASSWORD);
        driver.get(uri("/campaigns/" + id + "/edit").toString());
        driver.findElement(By.id("objective")).sendKeys("Bring newcomers back in April");
        expire(planner);
        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));
        assertThat(driver.getCurrentUrl()).endsWith("/login?expired&unsaved");

        // while the planner is logged out, a colleague renames the draft over the API
        HttpResponse<String> read = get("/api/v1/campaigns/" + id);
        HttpResponse<String> renamed = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/campaigns/" + id))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .header("If-Match", read.headers().firstValue("ETag").orElseThrow())
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("""
                        {"name": "Renamed by a colleague", "targetSegment": "newcomers", "actions": [{"channel": "email", "content": "Hi"}]}"""))
                .build());
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        logInOnThisPage(planner, PASSWORD);

        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/" + id + "/edit");
        assertThat(typedBack()).isEqualTo("What you typed before the session ended is back, not sent yet: press “Save draft” to send it.");
        assertThat(driver.findElement(By.id("objective")).getDomProperty("value")).isEqualTo("Bring newcomers back in April");
        assertThat(driver.findElement(By.id("name")).getDomProperty("value")).as("as the planner's page had it").isEqualTo("Spring promo");

        // saved onto the revision the planner read: the colleague's change is named, not overwritten unseen
        Browser.clickThrough(driver, driver.findElement(By.id("save-campaign")));
        assertThat(driver.findElement(By.id("edit-conflict-message")).getText()).startsWith("Campaign " + id + " was changed after you read it");
        assertThat(driver.getCurrentUrl()).endsWith("/campaigns/" + id + "/edit");
        assertThat(jdbc.sql("select name from campaigns where campaign_id = ?").param(id).query(String.class).single())
                .isEqualTo("Renamed by a colleague");
    }

    @Test
    void theAccessPagesUserFormComesBackWithoutThePasswordWhichIsNeverKept() throws Exception {
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/v1/users", "application/json", "{\"username\": \"" + admin + "\", \"password\": \"" + PASSWORD
                + "\", \"role\": \"ADMIN\"}").statusCode()).isEqualTo(201);
        logInAs(admin, PASSWORD);
        driver.get(uri("/admin/access").toString());
        driver.findElement(By.id("new-username")).sendKeys("new-analyst");
        driver.findElement(By.id("new-password")).sendKeys("violet canyon parade 93");
        new Select(driver.findElement(By.id("new-role"))).selectByValue("PLANNER");
        expire(admin);

        Browser.clickThrough(driver, driver.findElement(By.id("create-user")));
        assertThat(driver.getCurrentUrl()).endsWith("/login?expired&unsaved");
        assertThat(String.valueOf(((JavascriptExecutor) driver).executeScript("return JSON.stringify(sessionStorage)")))
                .contains("new-analyst").doesNotContain("violet canyon");
        logInOnThisPage(admin, PASSWORD);

        assertThat(driver.getCurrentUrl()).endsWith("/admin/access");
        assertThat(typedBack()).isEqualTo("What you typed before the session ended is back, not sent yet: press “Create user” to send it.");
        assertThat(driver.findElement(By.id("new-username")).getDomProperty("value")).isEqualTo("new-analyst");
        assertThat(new Select(driver.findElement(By.id("new-role"))).getFirstSelectedOption().getDomAttribute("value")).isEqualTo("PLANNER");
        assertThat(driver.findElement(By.id("new-password")).getDomProperty("value")).isEmpty();
        assertThat(jdbc.sql("select count(*) from console_users where username = 'new-analyst'").query(Long.class).single()).isZero();
    }

    /**
     * The other console forms that answer a refusal with their page (session 58's probe): each is shown at the address of
     * the page it was sent from, with the field marked, and a reload asks for that page (no field marked then).
     */
    @Test
    void everyRefusedFormIsShownAtItsPagesAddressAndAReloadShowsThePage() throws Exception {
        String admin = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(post("/api/v1/users", "application/json", "{\"username\": \"" + admin + "\", \"password\": \"" + PASSWORD
                + "\", \"role\": \"ADMIN\"}").statusCode()).isEqualTo(201);
        long segmentation = segmentationId;
        long tactical = number(post("/api/v1/tactical-segments", "application/json",
                "{\"name\": \"Frequent\", \"parentSegment\": \"newcomers\", \"rule\": \"frequency >= 1\"}").body(), "id");
        logInAs(admin, PASSWORD);

        // first: the erasure's form is sent to its page's own address, so only the reload tells the POST's answer from the page
        refusedAtItsPage("/admin/customers/v1/erase", "confirm-id", () -> driver.findElement(By.id("confirm-id")).sendKeys("v2"), "confirm-erase");
        refusedAtItsPage("/segmentations", "as-of", () -> setValue("as-of", "2099-01-01"), "run-now");
        refusedAtItsPage("/admin/access", "token-expires", () -> {
            driver.findElement(By.id("token-name")).sendKeys("nightly");
            setValue("token-expires", "2001-01-02");
        }, "issue-token");
        refusedAtItsPage("/admin/delivery", "cap-max", () -> {
            setValue("cap-max", "0");
            setValue("cap-window", "7");
        }, "set-cap");
        refusedAtItsPage("/segmentations/" + segmentation, "seg-name", () -> setValue("seg-name", "n".repeat(201)), "save-goals");
        refusedAtItsPage("/tactical-segments/" + tactical, "revise-rule", () -> setValue("revise-rule", "frequency >="), "save-version");
    }

    private void refusedAtItsPage(String page, String field, Runnable fill, String button) {
        driver.get(uri(page).toString());
        fill.run();
        Browser.clickThrough(driver, driver.findElement(By.id(button)));
        assertThat(driver.findElement(By.id(field)).getDomAttribute("aria-invalid")).as(page + ": refused at its field").isEqualTo("true");
        assertThat(driver.getCurrentUrl()).as(page + ": the page's address, not the POST's").isEqualTo(uri(page).toString());
        driver.navigate().refresh();
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        assertThat(presentNow(By.cssSelector("[aria-invalid='true']"))).as(page + ": a reload asks for the page, not the form again").isEmpty();
    }

    /** Sets a field as typed, past what the browser's own checks (min, maxlength) would let through. */
    private void setValue(String id, String value) {
        ((JavascriptExecutor) driver).executeScript("const e = document.getElementById(arguments[0]); e.removeAttribute('min');"
                + " e.removeAttribute('maxlength'); e.removeAttribute('max'); e.value = arguments[1];", id, value);
    }

    private void logInAs(String username, String password) {
        driver.get("about:blank");
        driver.get(uri("/login").toString());
        driver.manage().deleteAllCookies();
        ((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
        driver.get(uri("/login").toString());
        logInOnThisPage(username, password);
    }

    /** The login form of the page shown, as a person fills it in. */
    private void logInOnThisPage(String username, String password) {
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        Browser.clickThrough(driver, driver.findElement(By.id("login-button")));
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> !d.getCurrentUrl().contains("/login"));
    }

    /**
     * Opens the builder and notes, in the page, when a key last went up in its rule and which of the page's requests
     * (htmx's) began after it and have been answered: what {@link #quiet()} waits for.
     */
    private void openBuilder() {
        driver.get(uri(BUILDER).toString());
        ((JavascriptExecutor) driver).executeScript("""
                window.__ruleKeyAt = 0;
                window.__requests = [];
                document.addEventListener('keyup', e => { if (e.target.id === 'rule') window.__ruleKeyAt = performance.now(); }, true);
                document.addEventListener('htmx:beforeRequest', e => {
                  e.detail.xhr.__noted = {elt: e.detail.elt.id, began: performance.now(), done: false};
                  window.__requests.push(e.detail.xhr.__noted);
                });
                document.addEventListener('htmx:afterRequest', e => { if (e.detail.xhr.__noted) e.detail.xhr.__noted.done = true; });
                """);
    }

    /**
     * The builder's check and hints of what was typed are answered: each waits 700 ms after the last key in the rule and
     * then asks the server, and one still to come after the session is ended would take the page to the login by itself,
     * before the button is pressed. Waits until a check ({@code #rule}'s request) and a hint ({@code #rule-hints-box}'s),
     * both begun after the rule's last key, have been answered, and no request is under way. A pause of 1 s stood for
     * this before: on a loaded machine Chromium's 700 ms timer can fire later than that.
     */
    private void quiet() {
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("""
                const after = id => window.__requests.some(r => r.elt === id && r.began > window.__ruleKeyAt && r.done);
                return after('rule') && after('rule-hints-box') && document.querySelector('.htmx-request') === null;
                """));
    }

    private String typedBack() {
        wait.until(d -> !d.findElements(By.id("typed-back")).isEmpty() && !d.findElement(By.id("typed-back")).getText().isEmpty());
        WebElement line = driver.findElement(By.id("typed-back"));
        assertThat(line.getDomAttribute("role")).isEqualTo("status");
        return line.getText();
    }

    /** axe-core's serious and critical findings on the page shown (WCAG 2.1 A/AA and best practices), as ConsoleAccessibilityBrowserTest reads them. */
    private List<String> seriousAccessibilityViolations() {
        com.deque.html.axecore.args.AxeRunOptions options = new com.deque.html.axecore.args.AxeRunOptions();
        options.setResultTypes(List.of("violations"));
        com.deque.html.axecore.results.Results results = new com.deque.html.axecore.selenium.AxeBuilder().withOptions(options)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")).setLegacyMode(true).analyze(driver);
        return results.getViolations().stream().filter(rule -> List.of("serious", "critical").contains(rule.getImpact()))
                .map(rule -> rule.getId() + " at " + rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList()).toList();
    }

    /** What the console's script keeps in the tab's storage (its keys begin with "strata."). */
    private String keptInTheTab() {
        return String.valueOf(((JavascriptExecutor) driver).executeScript(
                "return JSON.stringify(Object.keys(sessionStorage).filter(k => k.startsWith('strata.')))"));
    }

    /** The session is idle past its 30 minutes, as the database sees it. */
    private void expire(String name) {
        assertThat(jdbc.sql("update spring_session set expiry_time = 0, last_access_time = last_access_time - 31 * 60 * 1000 where principal_name = ?")
                .param(name).update()).isEqualTo(1);
    }

    private long tacticalNamed(String name) {
        return jdbc.sql("select count(*) from tactical_segments where name = ?").param(name).query(Long.class).single();
    }

    private long campaignsNamed(String name) {
        return jdbc.sql("select count(*) from campaigns where name = ?").param(name).query(Long.class).single();
    }
}
