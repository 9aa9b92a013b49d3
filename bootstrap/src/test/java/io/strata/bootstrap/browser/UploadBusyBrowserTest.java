package io.strata.bootstrap.browser;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.StrataApplication;
import io.strata.bootstrap.SteerableImports;
import io.strata.bootstrap.TestHooks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The upload page when Strata refuses the upload for too many imports at once (429, "Strata is busy with imports"): the
 * answer is Strata's own form with its fields kept and the reason at the file, and strata.js swaps it in (htmx swaps
 * only 2xx, 3xx and 422 answers by itself: until session 50 the bar stayed at "Sent. Importing…"). A node of its own
 * runs one import at a time and lets none wait ({@code strata.import.waiting-at-most=0}); the test holds an import there
 * as it starts to read (SteerableImports of that node) while the page uploads.
 */
class UploadBusyBrowserTest extends BrowserTest {

    private static ConfigurableApplicationContext busyNode;

    @Autowired
    private HikariDataSource database;

    @AfterAll
    static void stopTheBusyNode() {
        if (busyNode != null) {
            busyNode.close();
            busyNode = null;
        }
    }

    private static ConfigurableApplicationContext startBusyNode(HikariDataSource database) throws Exception {
        return new SpringApplicationBuilder(StrataApplication.class, TestHooks.class).run(
                "--server.port=0",
                "--strata.data-dir=" + Files.createTempDirectory("strata-busy-node"),
                "--strata.db.url=" + database.getJdbcUrl(),
                "--strata.db.user=" + database.getUsername(),
                "--strata.db.password=" + (database.getPassword() == null ? "" : database.getPassword()),
                // (7 - 4 kept for the rest) / 3 per import: one import at a time; none may wait
                "--strata.db.pool-size=7",
                "--strata.import.waiting-at-most=0",
                "--strata.api-token=" + TOKEN,
                "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.predictions.warm-up=false",
                "--strata.schedules.check-every=PT24H");
    }

    @Test
    void anUploadRefusedForTooManyImportsShowsStratasFormWithTheReasonAndTheFieldsKept() throws Exception {
        emptyDatabase();
        if (busyNode == null) {
            busyNode = startBusyNode(database);
        }
        String base = "http://localhost:" + busyNode.getEnvironment().getRequiredProperty("local.server.port");
        SteerableImports imports = busyNode.getBean(SteerableImports.class);
        Path file = Files.createDirectories(Path.of("target", "uploads")).resolve("busy-orders.csv");
        Files.write(file, List.of("order_id,customer_id,ordered_at,amount", "B1,BUSY-1,2024-03-01T10:00:00Z,10"));
        logIn();

        imports.holdWhenReading();
        CompletableFuture<HttpResponse<String>> held = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/v1/imports/customers"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("customer_id\nBUSY-1\n")).build(), HttpResponse.BodyHandlers.ofString());
        try {
            imports.awaitReading();
            // the console session is the suite node's (the same database; cookies do not tell ports apart)
            driver.get(base + "/imports/new");
            driver.findElement(By.id("entity-orders")).click();
            driver.findElement(By.id("mode-lenient")).click();
            driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
            driver.findElement(By.id("upload-button")).click();

            WebElement reason = new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#upload .field-error"))
                    .stream().filter(e -> e.getText().startsWith("Strata is busy with imports")).findFirst().orElse(null));
            Browser.screenshot(driver, "upload-busy");

            assertThat(reason.getText()).contains("1 are running and 0 are waiting for their turn");
            assertThat(driver.findElement(By.id("form-errors")).getText()).isEqualTo("Nothing was imported: correct the fields marked below.");
            assertThat(driver.findElement(By.id("file")).getDomAttribute("aria-describedby")).isEqualTo(reason.getDomAttribute("id"));
            assertThat(driver.findElement(By.id("entity-orders")).isSelected()).as("the entity kept").isTrue();
            assertThat(driver.findElement(By.id("mode-lenient")).isSelected()).as("the mode kept").isTrue();
            assertThat(driver.findElement(By.id("import-progress")).isDisplayed()).as("no bar under Strata's own answer").isFalse();
        } finally {
            imports.releaseReading();
            imports.disarm();
        }
        assertThat(held.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from imports where lower(entity) = 'orders'").query(Long.class).single()).as("nothing recorded").isZero();
    }
}
