package io.strata.bootstrap.browser;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner's console, second generation (issue 18, items 4, 5, 6, 8, 9, 10), in a real browser. Four customers
 * and two runs of the frequency tiers: as of 2024-06-30 d1 and d3 are newcomers (one order), d2 repeat (three), d4 a
 * prospect (none); by 2024-07-05 d1 has ordered twice more and is repeat too. Revenue: d1 10 then 30, d2 30, d3 10.
 */
class PlannerConsoleBrowserTest extends BrowserTest {

    /**
     * A test that leaves the base as it found it: it opens pages, types into the builder, previews a file in the page,
     * but imports, runs, creates and deletes nothing. The next test may take the base it read instead of loading it
     * again (two imports and two runs with their follow-ups: seconds a test). A test without it writes, and the test
     * after it loads the base afresh.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface ReadsOnly {
    }

    /** The segmentation of the base; 0 when no base is loaded or the last test may have changed it. */
    private static long intactBase;
    /** What the base held when loaded; a test that takes the base checks it still does (a mislabelled test shows). */
    private static String loadedBase;

    /** Rows of every table the tests read or write, counted; equal counts after a read-only test. */
    private String baseCounts() {
        return jdbc.sql("select concat_ws('/', (select count(*) from customers), (select count(*) from orders), "
                + "(select count(*) from segmentations), (select count(*) from segmentation_runs), (select count(*) from run_migrations), "
                + "(select count(*) from tactical_segments), (select count(*) from campaigns), (select count(*) from imports))")
                .query(String.class).single();
    }

    private long segmentationId;

    @BeforeEach
    void twoRuns(TestInfo test) throws Exception {
        // absence is asserted often here: no implicit wait, explicit waits where htmx loads a part
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        long base = intactBase;
        // set before the test runs: a writing test (or one that fails half-way) leaves no base for the next one to trust
        intactBase = 0;
        if (base != 0) {
            assertThat(baseCounts()).as("the base after a test marked @ReadsOnly (customers/orders/segmentations/runs/"
                    + "migrations/tactical segments/campaigns/imports)").isEqualTo(loadedBase);
            segmentationId = base;
            if (test.getTestMethod().orElseThrow().isAnnotationPresent(ReadsOnly.class)) {
                intactBase = base;
            }
            return;
        }
        emptyDatabase();
        post("/api/v1/imports/customers", "text/csv", """
                customer_id,email,first_name,last_name,city
                d1,anna.berzina@example.com,Anna,Berzina,Riga
                d2,juris.ozols@example.com,Juris,Ozols,Riga
                d3,liga@example.com,Liga,Kalna,Tallinn
                d4,peteris@example.com,Peteris,Liepa,Riga
                """);
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount,category
                a1,d1,2024-06-01,10,books
                b1,d2,2024-06-01,10,books
                b2,d2,2024-06-05,10,music
                b3,d2,2024-06-09,10,books
                c1,d3,2024-06-02,10,music
                """);
        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Frequency\",\"template\":\"frequency-tiers\"}").body();
        segmentationId = Long.parseLong(created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1"));
        post("/api/v1/segmentations/" + segmentationId + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\na2,d1,2024-07-01,10\na3,d1,2024-07-02,10\n");
        runAndAwaitFollowUps("{\"asOf\":\"2024-07-05\"}");
        loadedBase = baseCounts();
        if (test.getTestMethod().orElseThrow().isAnnotationPresent(ReadsOnly.class)) {
            intactBase = segmentationId;
        }
    }

    /** Waits, reading again when htmx swapped the part read in the meantime. */
    private WebDriverWait await() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    private List<String> texts(String css) {
        return driver.findElements(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    /** Each row's header and data cells, joined by " | ". */
    private List<String> rows(String css) {
        return driver.findElements(By.cssSelector(css)).stream()
                .map(row -> row.findElements(By.cssSelector("th, td")).stream().map(WebElement::getText).collect(Collectors.joining(" | ")))
                .toList();
    }

    // ---- item 4: the rule builder ----

    @Test
    @ReadsOnly
    void theBuilderSuggestsAFieldsFrequentValuesWithCountsAndCompletesAtTheCursor() {
        logIn();
        driver.get(uri("/tactical-segments/new?parent=repeat").toString());
        WebElement rule = driver.findElement(By.id("rule"));

        rule.sendKeys("city = \"");
        await().until(d -> texts("#value-suggestions button.completion").equals(List.of("Riga 3", "Tallinn 1")));
        rule.sendKeys("T");
        await().until(d -> texts("#value-suggestions button.completion").equals(List.of("Tallinn 1")));
        driver.findElement(By.cssSelector("#value-suggestions button.completion")).click();
        assertThat(rule.getDomProperty("value")).isEqualTo("city = \"Tallinn\"");

        // a name typed in the middle of the rule is completed there, not at the end
        js("const r = arguments[0]; r.value = 'frequency >= 1 and cou or city = \"Riga\"'; r.focus(); r.setSelectionRange(22, 22);"
                + "r.dispatchEvent(new KeyboardEvent('keyup', {bubbles: true}));", rule);
        await().until(d -> !d.findElements(By.cssSelector("#completions button.completion[data-complete='country']")).isEmpty());
        driver.findElement(By.cssSelector("#completions button.completion[data-complete='country']")).click();
        assertThat(rule.getDomProperty("value")).isEqualTo("frequency >= 1 and country or city = \"Riga\"");
        Browser.screenshot(driver, "builder-values");
    }

    @Test
    @ReadsOnly
    void theBuilderWarnsAboutAValueThatNeverOccursAndSpeaksPolitely() {
        logIn();
        driver.get(uri("/tactical-segments/new?parent=repeat").toString());
        WebElement rule = driver.findElement(By.id("rule"));

        rule.sendKeys("city = ");
        await().until(d -> !d.findElements(By.id("rule-error")).isEmpty());
        assertThat(driver.findElement(By.id("rule-error")).getDomAttribute("class")).contains("unfinished").doesNotContain("error");
        assertThat(driver.findElements(By.cssSelector("#feedback [role=alert]"))).isEmpty();
        assertThat(driver.findElement(By.id("feedback")).getDomAttribute("aria-live")).isEqualTo("polite");
        assertThat(driver.findElement(By.id("rule-hints-box")).getDomAttribute("aria-live")).isEqualTo("polite");

        rule.sendKeys("\"Kids\" and count(orders where category = \"kids\") >= 1");
        await().until(d -> !d.findElements(By.id("unseen-values")).isEmpty());
        assertThat(driver.findElement(By.id("unseen-values")).getText())
                .startsWith("No customer has city “Kids”; No order line has category “kids”: the rule matches nobody");
        assertThat(driver.findElement(By.id("preview-count")).getText()).isEqualTo("0");
        Browser.screenshot(driver, "builder-unseen-value");
    }

    @Test
    @ReadsOnly
    void categoryValuesComeFromOrderLinesInsideAnOrdersWhere() {
        logIn();
        driver.get(uri("/tactical-segments/new?parent=repeat").toString());
        driver.findElement(By.id("rule")).sendKeys("count(orders where category = \"");
        await().until(d -> texts("#value-suggestions button.completion").equals(List.of("books 3", "music 2")));
    }

    // ---- item 5: trends ----

    @Test
    @ReadsOnly
    void aSegmentationsPageShowsItsRunsCurrentSizesAndEachSegmentsTrend() {
        logIn();
        driver.get(uri("/segmentations/" + segmentationId).toString());
        await().until(d -> !d.findElements(By.id("segmentation-trends")).isEmpty());

        assertThat(rows("#segmentation-runs tbody tr")).containsExactly("2024-06-30 | 4", "2024-07-05 | 4");
        assertThat(rows("#current-sizes tbody tr")).containsExactly(
                "Prospects | 1 | 25.0% | 0.0%", "Newcomers | 1 | 25.0% | 14.3%", "Repeat customers | 2 | 50.0% | 85.7%", "Loyal | 0 | 0.0% | 0.0%");
        assertThat(driver.findElements(By.cssSelector("#trend-repeat svg polyline.series-0"))).hasSize(1);
        js("document.querySelectorAll('#segmentation-trends details').forEach(d => d.open = true)");
        assertThat(texts("#trend-repeat .trend-customers")).containsExactly("1", "2");
        assertThat(texts("#trend-repeat .trend-revenue-share")).containsExactly("60.0%", "85.7%");
        assertThat(texts("#trend-repeat .trend-in")).containsExactly("–", "1");
        assertThat(texts("#trend-repeat .trend-out")).containsExactly("–", "0");
        assertThat(texts("#trend-newcomers .trend-out")).containsExactly("–", "1");
        Browser.screenshot(driver, "segmentation-trends", driver.findElement(By.id("segmentation-trends")));
    }

    @Test
    @ReadsOnly
    void aSegmentsPageShowsItsTrend() {
        logIn();
        driver.get(uri("/segments/newcomers").toString());
        await().until(d -> !d.findElements(By.id("segment-trend")).isEmpty());
        js("document.querySelectorAll('#segment-trend details').forEach(d => d.open = true)");
        assertThat(texts("#trend-newcomers .trend-customers")).containsExactly("2", "1");
        assertThat(texts("#trend-newcomers .trend-share")).containsExactly("50.0%", "25.0%");
        assertThat(texts("#trend-newcomers .trend-in")).containsExactly("–", "0");
    }

    /**
     * Trend pages only read what runs stored (page times at 1M customers): a pair of runs whose migration is missing
     * (here deleted, as for runs from before migrations were kept) shows no flows and is not computed by the visit;
     * the next run's worker fills it in with its own pair.
     */
    @Test
    void trendsOnlyReadStoredMigrationsAndTheNextRunFillsInAMissingPair() throws Exception {
        logIn();
        jdbc.sql("delete from run_migrations").update();
        driver.get(uri("/segmentations/" + segmentationId).toString());
        await().until(d -> !d.findElements(By.id("segmentation-trends")).isEmpty());
        js("document.querySelectorAll('#segmentation-trends details').forEach(d => d.open = true)");
        assertThat(texts("#trend-repeat .trend-customers")).containsExactly("1", "2");
        assertThat(texts("#trend-repeat .trend-in")).containsExactly("–", "–");
        assertThat(jdbc.sql("select count(*) from run_migrations").query(Long.class).single()).as("the visit computed nothing").isZero();

        runAndAwaitFollowUps("{\"asOf\":\"2024-07-05\"}");
        driver.navigate().refresh();
        await().until(d -> !d.findElements(By.id("segmentation-trends")).isEmpty());
        js("document.querySelectorAll('#segmentation-trends details').forEach(d => d.open = true)");
        assertThat(texts("#trend-repeat .trend-customers")).containsExactly("1", "2", "2");
        assertThat(texts("#trend-repeat .trend-in")).containsExactly("–", "1", "0");
        assertThat(texts("#trend-newcomers .trend-out")).containsExactly("–", "1", "0");
    }

    // ---- the customer page when the run's models were not fitted ----

    @Test
    @ReadsOnly
    void aCustomerPageSaysWhyPredictionsWereNotFitted() throws Exception {
        long latest = jdbc.sql("select max(run_id) from segmentation_runs where status = 'COMPLETED'").query(Long.class).single();
        logIn();
        driver.get(uri("/customers/d2").toString());
        // four customers are far from the 100 repeat buyers the models need (strata.predictions.minimum-repeat-buyers)
        assertThat(driver.findElement(By.id("prediction-not-fitted")).getText())
                .startsWith("Predictions were not fitted for run " + latest + ": too few repeat buyers to fit: ")
                .endsWith(", at least 100 are needed.");
        assertThat(driver.findElements(By.id("prediction"))).isEmpty();
        Browser.screenshot(driver, "customer-not-fitted");
    }

    // ---- item 6: the migration heat map ----

    @Test
    void theHeatMapShowsRowSharesDirectionsAndNewAndGoneCustomersWithThousandsSeparators() throws Exception {
        // 1,200 more newcomers in both runs, 1 erased between them (gone), 1 new in the second
        String many = IntStream.range(0, 1200).mapToObj(i -> String.format("m%d,c%04d,2024-06-10,5", i, i)).collect(Collectors.joining("\n"));
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\n" + many + "\n");
        runAndAwaitFollowUps("{\"asOf\":\"2024-07-06\"}");
        send(HttpRequest.newBuilder(uri("/api/v1/customers/c0000")).header("Authorization", "Bearer " + TOKEN).DELETE().build());
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nn1,d5,2024-07-01,10\n");
        runAndAwaitFollowUps("{\"asOf\":\"2024-07-07\"}");
        logIn();

        WebElement newcomers = driver.findElement(By.xpath("//table[@id='migration-heatmap']//tr[th/span[text()='Newcomers']]"));
        assertThat(newcomers.findElement(By.cssSelector("th small")).getText()).isEqualTo("1,201 before");
        List<WebElement> cells = newcomers.findElements(By.tagName("td"));
        // columns: prospects, newcomers, repeat, loyal, gone
        assertThat(cells.get(0).getText()).isEqualTo("0\n0.0%");
        assertThat(cells.get(1).getText()).isEqualTo("1,200\n99.9%");
        assertThat(cells.get(1).getDomAttribute("class")).isEqualTo("stay-4");
        assertThat(cells.get(4).getText()).isEqualTo("1\n0.1%");
        assertThat(texts("#migration-heatmap tr.new-row td")).containsExactly("0\n0.0%", "1\n100.0%", "0\n0.0%", "0\n0.0%", "–");
        assertThat(driver.findElement(By.id("migration-summary")).getText())
                .startsWith("0 moved up, 0 moved down, 1,203 stayed, 1 are new and 1 are gone.");
        driver.findElement(By.cssSelector("#migration-flows summary")).click();
        assertThat(driver.findElements(By.cssSelector("#migration-flows path.flow"))).isNotEmpty();
        Browser.screenshot(driver, "dashboard-heatmap", driver.findElement(By.id("migration")));
    }

    @Test
    void anUpwardMoveIsColouredAsSuchAndAFirstRunSaysWhyThereIsNoHeatMap() throws Exception {
        logIn();
        WebElement newcomers = driver.findElement(By.xpath("//table[@id='migration-heatmap']//tr[th/span[text()='Newcomers']]"));
        List<WebElement> cells = newcomers.findElements(By.tagName("td"));
        assertThat(cells.get(2).getText()).isEqualTo("1\n50.0%");
        assertThat(cells.get(2).getDomAttribute("class")).isEqualTo("up-3");
        assertThat(cells.get(2).getDomAttribute("title")).isEqualTo("moved up");

        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Second look\",\"template\":\"frequency-tiers\"}").body();
        post("/api/v1/segmentations/" + created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1") + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-07-06\"}");
        driver.navigate().refresh();
        assertThat(driver.findElements(By.id("migration-heatmap"))).isEmpty();
        assertThat(driver.findElement(By.id("no-migration")).getText())
                .isEqualTo("Migration since the previous run\nThis is the first run of Second look: the migration between segments shows here after its next run.");
    }

    // ---- item 8: search ----

    @Test
    void theNavigationSearchFindsCustomersByIdPrefixEmailAndNameAndNamedObjects() throws Exception {
        post("/api/v1/campaigns", "application/json",
                "{\"name\":\"Repeat thanks\",\"targetSegment\":\"repeat\",\"actions\":[{\"channel\":\"email\",\"content\":\"Hi\"}]}");
        post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Repeat in Riga\",\"parentSegment\":\"repeat\",\"rule\":\"city = \\\"Riga\\\"\"}");
        logIn();

        search("d");
        assertThat(texts("#customer-results tbody td:first-child")).containsExactly("d1", "d2", "d3", "d4");
        search("OZOLS");
        assertThat(texts("#customer-results tbody td:first-child")).containsExactly("d2");
        search("liga@exa");
        assertThat(texts("#customer-results tbody td:first-child")).containsExactly("d3");
        search("anna b");
        assertThat(texts("#customer-results tbody td:first-child")).containsExactly("d1");
        search("repeat");
        assertThat(texts("#found-segments li a")).containsExactly("Repeat customers");
        assertThat(texts("#found-campaigns li a")).containsExactly("Repeat thanks");
        assertThat(texts("#found-tactical li a")).containsExactly("Repeat in Riga");
        assertThat(driver.findElements(By.id("found-customers"))).isEmpty();
        search("1%");
        assertThat(driver.findElement(By.id("nothing-found")).getText()).startsWith("Nothing matches “1%”.");

        driver.get(uri("/customers").toString());
        driver.findElement(By.id("customer-search")).sendKeys("juris");
        Browser.clickThrough(driver, driver.findElement(By.id("open-customer")));
        assertThat(texts("#customer-results tbody td:first-child")).containsExactly("d2");
        Browser.screenshot(driver, "search");
    }

    @Test
    void aSegmentsMembersSortByAColumnAndNarrowToATacticalSegment() throws Exception {
        // d2 spends 100 more: in the latest run repeat holds d1 (30 in 3 orders) and d2 (130 in 4)
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nb4,d2,2024-07-03,100\n");
        assertThat(post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Big spenders\",\"parentSegment\":\"repeat\",\"rule\":\"sum(orders.amount) >= 100\"}").statusCode()).isEqualTo(201);
        runAndAwaitFollowUps("{\"asOf\":\"2024-07-05\"}");
        logIn();
        driver.get(uri("/segments/repeat").toString());

        Browser.clickThrough(driver, driver.findElement(By.id("sort-monetary")));
        assertThat(texts("#member-table tbody tr td:first-child")).containsExactly("d2", "d1");
        assertThat(driver.findElement(By.xpath("//table[@id='member-table']//th[@aria-sort]")).getText()).isEqualTo("Monetary");
        Browser.clickThrough(driver, driver.findElement(By.id("sort-customer")));
        assertThat(texts("#member-table tbody tr td:first-child")).containsExactly("d1", "d2");

        new Select(driver.findElement(By.id("member-tactical"))).selectByVisibleText("Big spenders");
        Browser.clickThrough(driver, driver.findElement(By.cssSelector("form.search button")));
        assertThat(texts("#member-table tbody tr td:first-child")).containsExactly("d2");
        assertThat(driver.getCurrentUrl()).contains("sort=customer");
    }

    private void search(String text) {
        WebElement box = driver.findElement(By.id("nav-search"));
        WebElement page = driver.findElement(By.tagName("html"));
        box.clear();
        box.sendKeys(text, Keys.ENTER);
        await().until(ExpectedConditions.stalenessOf(page));
    }

    // ---- item 9: imports ----

    @Test
    @ReadsOnly
    void theUploadPagePreviewsTheFirstRowsAndOffersTheEntityTheHeaderLooksLike() throws Exception {
        Path file = Path.of("target", "uploads", "orders-preview.csv");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "order_id,customer_id,ordered_at,amount\no1,d1,2024-06-01,10\n\"o,2\",d2,2024-06-02,\"1\"\"5\"\n");
        logIn();
        driver.get(uri("/imports/new").toString());
        driver.findElement(By.id("entity-customers")).click();
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());

        await().until(d -> !d.findElements(By.id("preview-table")).isEmpty());
        assertThat(texts("#preview-table thead th")).containsExactly("order_id", "customer_id", "ordered_at", "amount");
        assertThat(texts("#preview-table tbody tr")).containsExactly("o1 d1 2024-06-01 10", "o,2 d2 2024-06-02 1\"5");
        assertThat(driver.findElement(By.id("preview-entity")).getText()).isEqualTo("The header looks like orders.");
        assertThat(driver.findElement(By.id("preview-mismatch")).getText()).startsWith("You chose customers, but the header looks like orders.");
        Browser.screenshot(driver, "import-preview");

        driver.findElement(By.id("preview-fix")).click();
        assertThat(driver.findElement(By.id("entity-orders")).isSelected()).isTrue();
        await().until(d -> d.findElements(By.id("preview-mismatch")).isEmpty());
    }

    // ---- item 10: navigation, badges, access ----

    @Test
    @ReadsOnly
    void theLayoutMarksTheCurrentPageHasASkipLinkAndAFaviconAndBadgesSayWhatTheyMean() throws Exception {
        logIn();
        driver.get(uri("/segmentations/" + segmentationId).toString());
        assertThat(driver.findElements(By.cssSelector("nav [aria-current=page]"))).hasSize(1);
        assertThat(driver.findElement(By.cssSelector("nav [aria-current=page]")).getText()).isEqualTo("Segmentations");
        driver.get(uri("/imports").toString());
        assertThat(driver.findElement(By.cssSelector("nav [aria-current=page]")).getText()).isEqualTo("Imports");

        WebElement skip = driver.findElement(By.cssSelector("a.skip-link"));
        assertThat(skip.getDomAttribute("href")).isEqualTo("#content");
        assertThat(driver.findElements(By.id("content"))).hasSize(1);

        HttpResponse<byte[]> icon = http.send(HttpRequest.newBuilder(uri("/favicon.ico")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.body()).startsWith(0, 0, 1, 0); // an ICO header
        assertThat(driver.findElement(By.cssSelector("link[rel=icon]")).getDomAttribute("href")).isEqualTo("/favicon.ico");

        driver.get(uri("/segmentations").toString());
        assertThat(driver.findElements(By.cssSelector(".badge.status-active"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector(".badge.status-completed"))).hasSize(2);
        assertThat(js("return getComputedStyle(document.querySelector('.badge.status-completed'), '::before').content")).isEqualTo("\"✓ \"");
    }

    @Test
    @ReadsOnly
    void theRolePickersStartAtTheLeastPrivilegeAndAnAdminCannotDisableTheirOwnAccount() throws Exception {
        logIn();
        driver.get(uri("/admin/access").toString());
        assertThat(new Select(driver.findElement(By.id("new-role"))).getFirstSelectedOption().getText()).isEqualTo("ANALYST");
        assertThat(new Select(driver.findElement(By.id("token-role"))).getFirstSelectedOption().getText()).isEqualTo("ANALYST");
        WebElement own = driver.findElement(By.xpath("//table[@id='user-table']//tr[td[1][text()='admin']]"));
        assertThat(own.findElements(By.tagName("button"))).isEmpty();
        assertThat(own.getText()).endsWith("your account");
    }
}
