package io.strata.bootstrap.browser;

import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every console page, scanned by axe-core in the browser (Deque's Selenium integration; no copy of axe in this
 * repository): no serious or critical violation, WCAG AA contrast included. Then every page at 360 px wide: nothing
 * wider than the window, and the navigation's last control (Log out) on screen.
 */
class ConsoleAccessibilityBrowserTest extends BrowserTest {

    private static final Set<String> BLOCKING = Set.of("serious", "critical");

    /**
     * The pages of the base, loaded once for the class: neither test writes (both only open pages), so the second test
     * reads the same base the first one did; loading it (two imports, two runs with their follow-ups, a tactical segment
     * and a campaign) cost seconds a test.
     */
    private static final List<String> pages = new ArrayList<>();

    @BeforeEach
    void aBaseWithEveryKindOfObject() throws Exception {
        // absence is asserted often here: no implicit wait, explicit waits where htmx loads a part
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        if (!pages.isEmpty()) {
            return;
        }
        emptyDatabase();
        post("/api/v1/imports/customers", "text/csv", "customer_id,email,first_name,last_name,city\nd1,anna@example.com,Anna,Berzina,Riga\n");
        post("/api/v1/imports/orders", "text/csv", """
                order_id,customer_id,ordered_at,amount,category
                a1,d1,2024-06-01,10,books
                b1,d2,2024-06-01,10,books
                b2,d2,2024-06-05,10,music
                b3,d2,2024-06-09,10,books
                """);
        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Frequency\",\"template\":\"frequency-tiers\"}").body();
        String segmentation = created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        post("/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\na2,d1,2024-07-01,10\na3,d1,2024-07-02,10\n");
        String run = runAndAwaitFollowUps("{\"asOf\":\"2024-07-05\"}").body()
                .replaceAll("(?s).*?\"runId\":(\\d+).*", "$1");
        post("/api/v1/tactical-segments", "application/json", "{\"name\":\"Riga\",\"parentSegment\":\"repeat\",\"rule\":\"city = \\\"Riga\\\"\"}");
        String campaign = post("/api/v1/campaigns", "application/json",
                "{\"name\":\"Repeat thanks\",\"targetSegment\":\"repeat\",\"actions\":[{\"channel\":\"email\",\"content\":\"Hi\"}]}").body()
                .replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        String importId = jdbc.sql("select import_id::text from imports order by started_at desc limit 1").query(String.class).single();
        pages.addAll(List.of("/", "/segmentations", "/segmentations/" + segmentation, "/segmentation-runs/" + run,
                "/segmentation-runs/" + run + "/back-test?holdoutWeeks=2", "/segments/repeat", "/tactical-segments",
                "/tactical-segments/new", "/customers", "/customers/d1", "/search?q=d", "/campaigns", "/campaigns/new",
                "/campaigns/" + campaign, "/campaigns/" + campaign + "/edit", "/action-plan", "/imports", "/imports/new",
                "/imports/" + importId, "/imports/" + importId + "/errors", "/admin/access", "/admin/audit",
                "/admin/customers/d1/erase"));
    }

    @AfterEach
    void wideAgain() {
        ((ChromeDriver) driver).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void noConsolePageHasASeriousOrCriticalAccessibilityViolation() {
        driver.manage().deleteAllCookies();
        List<String> found = new ArrayList<>(scan("/login"));
        logIn();
        for (String page : pages) {
            found.addAll(scan(page));
        }
        assertThat(found).isEmpty();
    }

    @Test
    void everyPageIsUsableFrom360PixelsWide() {
        logIn();
        ((ChromeDriver) driver).executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 360, "height", 740, "deviceScaleFactor", 1, "mobile", true));
        List<String> found = new ArrayList<>();
        for (String page : pages) {
            open(page);
            JavascriptExecutor js = (JavascriptExecutor) driver;
            // a mobile viewport widens its layout to fit content wider than the screen: then the page is too wide
            assertThat(((Number) js.executeScript("return window.innerWidth")).intValue()).as(page + " lays out wider than 360 px").isEqualTo(360);
            long wide = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            if (wide > 360) {
                found.add(page + " is " + wide + " px wide: " + js.executeScript(
                        "return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)"
                                + ".slice(0, 3).map(e => e.tagName + '#' + e.id + '.' + e.className).join(', ')"));
            }
            double logout = ((Number) js.executeScript("return document.querySelector('.logout button').getBoundingClientRect().right")).doubleValue();
            if (logout > 360) {
                found.add(page + ": Log out ends at " + logout + " px");
            }
        }
        Browser.screenshot(driver, "narrow-dashboard");
        assertThat(found).isEmpty();
    }

    private void open(String page) {
        driver.get(uri(page).toString());
        // pages that load a part after they show (trends): scan them once it is there
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(d -> d.findElements(By.cssSelector("#trends-box, #trend-box")).isEmpty());
    }

    private List<String> scan(String page) {
        open(page);
        // axe runs in the page itself (legacy mode) instead of in each frame and then once more in a new blank window to
        // merge the frames' results, which cost about half of each page's scan; console pages have no frames
        assertThat(driver.findElements(By.tagName("iframe"))).as(page + " has a frame, which the scan would not look into").isEmpty();
        AxeRunOptions options = new AxeRunOptions();
        // only violations are read: axe then reports one node of each passed or inapplicable rule instead of all of them
        options.setResultTypes(List.of("violations"));
        Results results = new AxeBuilder().withOptions(options).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
                .setLegacyMode(true).analyze(driver);
        List<String> found = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if (BLOCKING.contains(rule.getImpact())) {
                found.add(page + ": " + rule.getId() + " (" + rule.getImpact() + ") at "
                        + rule.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        return found;
    }
}
