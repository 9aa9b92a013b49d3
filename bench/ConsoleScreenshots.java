import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The screenshots of docs/console.md, taken by bench/console-screenshots.sh in Debian's headless Chromium from an
 * application that runs the demo data. Each page must show its heading and no error page; a page that does not
 * stops the script (exit 1) rather than leaving a picture of an error in the docs.
 *
 *   java -cp CLASSPATH bench/ConsoleScreenshots.java BASE_URL PASSWORD OUT_DIR CAMPAIGN_ID TACTICAL_ID SEGMENTATION_ID
 */
public class ConsoleScreenshots {

    record Shot(String name, String path, String mustShow, String scrollTo) {
    }

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String password = args[1];
        Path out = Path.of(args[2]);
        String campaign = args[3];
        String tactical = args[4];
        String segmentation = args[5];
        Files.createDirectories(out);
        List<Shot> desktop = List.of(
                new Shot("dashboard", "/", "Programme uplift against the holdout", null),
                new Shot("dashboard-migration", "/", "Migration since the previous run", "migration-heatmap"),
                new Shot("segmentation-trends", "/segmentations/" + segmentation, "Runs and trends", "segmentation-trends"),
                new Shot("segment", "/segments/at_risk", "Members", null),
                new Shot("tactical-segment", "/tactical-segments/" + tactical, "Share of the parent", null),
                new Shot("campaign-results", "/campaigns/" + campaign, "Conversions since the launch", "results"),
                new Shot("customer", "/customers/C00001", "Predicted value", null),
                new Shot("audit", "/admin/audit", "Audit trail", null));
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        List<String> problems = new ArrayList<>();
        try {
            driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
            logIn(driver, base, password);
            for (Shot shot : desktop) {
                take(driver, base, shot, out, problems);
            }
            // a phone's width: the navigation wraps, tables scroll inside their panel
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 360, "height", 740, "deviceScaleFactor", 1,
                    "mobile", true));
            take(driver, base, new Shot("dashboard-360", "/", "Programme uplift against the holdout", null), out, problems);
            take(driver, base, new Shot("campaign-360", "/campaigns/" + campaign, "Results", null), out, problems);
            long wide = ((Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth")).longValue();
            if (wide > 360) {
                problems.add("the campaign page is " + wide + " px wide at 360 px");
            }
        } finally {
            driver.quit();
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println("screenshot problem: " + p));
            System.exit(1);
        }
    }

    private static void take(ChromeDriver driver, String base, Shot shot, Path out, List<String> problems) throws Exception {
        driver.get(base + shot.path());
        // charts draw on DOMContentLoaded, htmx parts load just after: give them a moment to settle
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        Thread.sleep(1500);
        String text = driver.findElement(By.tagName("body")).getText();
        if (driver.findElements(By.tagName("h1")).isEmpty() || !text.contains(shot.mustShow()) || text.contains("Whitelabel Error")) {
            problems.add(shot.path() + " does not show '" + shot.mustShow() + "'");
            return;
        }
        if (shot.scrollTo() != null) {
            WebElement element = driver.findElement(By.id(shot.scrollTo()));
            // the first two folded parts open, so the picture shows what is inside
            driver.executeScript("arguments[0].querySelectorAll('details').forEach((d, i) => { if (i < 2) d.open = true; })", element);
            driver.executeScript("arguments[0].scrollIntoView(true)", element);
            Thread.sleep(300);
        }
        File png = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), out.resolve(shot.name() + ".png"), StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + out.resolve(shot.name() + ".png"));
    }

    private static void logIn(WebDriver driver, String base, String password) {
        driver.get(base + "/login");
        driver.findElement(By.id("username")).sendKeys("admin");
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
    }
}
