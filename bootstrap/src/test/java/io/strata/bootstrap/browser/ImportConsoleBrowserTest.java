package io.strata.bootstrap.browser;

import io.strata.bootstrap.SteerableClock;
import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Uploading files in the console: lenient and strict, the report with line and column, the error page and its CSV. */
class ImportConsoleBrowserTest extends BrowserTest {

    private static final Path UPLOADS = Path.of("target", "uploads");
    private static final String REPORT_URL = ".*/imports/[0-9a-f-]{36}$";

    /** A file's data rows, each knowing whether it is wrong and in which column, so expected lines follow from the file. */
    record Row(String text, String badColumn) {
    }

    @Autowired
    SteerableImports checkpoints;

    @Autowired
    SteerableClock clock;

    @BeforeEach
    void emptyBase() {
        emptyDatabase();
    }

    @Test
    void aLenientUploadImportsTheGoodRowsAndReportsTheBadOnesWithLineAndColumn() throws Exception {
        List<Row> rows = List.of(
                new Row("u1,u1@example.com,1990-01-01,true", null),
                new Row("u2,u2@example.com,not-a-date,true", "birth_date"),
                new Row("u3,u3@example.com,1985-05-05,maybe", "email_opt_in"),
                new Row("u4,u4@example.com,1970-12-31,false", null));
        Path file = csv("lenient-customers.csv", "customer_id,email,birth_date,email_opt_in", rows);
        logIn();

        upload(file, "customers", "lenient");

        assertThat(driver.findElement(By.id("import-status")).getText()).isEqualTo("COMPLETED");
        assertThat(driver.findElement(By.id("rows-received")).getText()).isEqualTo(Integer.toString(rows.size()));
        assertThat(driver.findElement(By.id("rows-imported")).getText()).isEqualTo(Long.toString(good(rows).size()));
        assertThat(driver.findElement(By.id("rows-rejected")).getText()).isEqualTo(Long.toString(rows.size() - good(rows).size()));
        assertThat(errorCells("line")).containsExactlyElementsOf(expectedLines(rows));
        assertThat(errorCells("column")).containsExactly("birth_date", "email_opt_in");
        assertThat(jdbc.sql("select customer_id from customers order by customer_id").query(String.class).list())
                .containsExactlyElementsOf(good(rows));
        Browser.screenshot(driver, "import-report");

        Browser.clickThrough(driver, driver.findElement(By.id("all-errors")));
        assertThat(errorCells("line")).containsExactlyElementsOf(expectedLines(rows));
        assertThat(driver.findElement(By.id("error-range")).getText()).isEqualTo("Errors 1 to 2 of 2");
        assertThat(presentNow(By.id("next-errors"))).isEmpty();
        assertThat(driver.findElement(By.id("error-table")).getText()).contains("not-a-date").contains("maybe");
        Browser.screenshot(driver, "import-errors");
        HttpResponse<String> download = download(driver.findElement(By.id("errors-csv")).getDomProperty("href"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        List<String> lines = download.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("line,column,value,message");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1)))
                .containsExactly(expectedLines(rows).get(0) + ",birth_date", expectedLines(rows).get(1) + ",email_opt_in");

        driver.get(uri("/imports").toString());
        assertThat(driver.findElement(By.cssSelector("#import-table tbody tr")).getText())
                .contains("admin").contains("customers").contains("lenient").contains("COMPLETED");
        Browser.screenshot(driver, "imports");
    }

    @Test
    void aStrictUploadWithABadRowIsRejectedAndChangesNothing() throws Exception {
        post("/api/v1/imports/customers", "text/csv", "customer_id,email\ns1,before@example.com\n");
        List<Row> rows = List.of(
                new Row("s1,after@example.com,1990-01-01", null),
                new Row("s2,s2@example.com,31.12.1990", "birth_date"));
        Path file = csv("strict-customers.csv", "customer_id,email,birth_date", rows);
        logIn();

        upload(file, "customers", "strict");

        assertThat(driver.findElement(By.id("import-status")).getText()).isEqualTo("REJECTED");
        assertThat(driver.findElement(By.id("rows-imported")).getText()).isEqualTo("0");
        assertThat(driver.findElement(By.id("import-message")).getText()).contains("nothing was written");
        assertThat(errorCells("line")).containsExactlyElementsOf(expectedLines(rows));
        assertThat(errorCells("column")).containsExactly("birth_date");
        assertThat(jdbc.sql("select customer_id || ' ' || email from customers").query(String.class).list())
                .containsExactly("s1 before@example.com");
    }

    @Test
    void theUploadPageShowsTheImportRunningUntilItsReportIsThere() throws Exception {
        int customers = 10_000;
        List<Row> rows = IntStream.rangeClosed(1, customers).mapToObj(i -> new Row("p" + i + ",p" + i + "@example.com", null)).toList();
        Path file = csv("many-customers.csv", "customer_id,email", rows);
        logIn();
        driver.get(uri("/imports/new").toString());
        driver.findElement(By.id("entity-customers")).click();
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        // held as it starts to read, the clock passes the progress interval (so the check at row 4,096 saves), and
        // held again with every row read: the page has all the time it needs to show the running import
        checkpoints.holdWhenReading();
        checkpoints.holdBeforeMerge();
        try {
            driver.findElement(By.id("upload-button")).click();
            checkpoints.awaitReading();
            clock.advance(Duration.ofSeconds(1));
            checkpoints.releaseReading();
            checkpoints.awaitBeforeMerge();

            String shown = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
                try {
                    List<WebElement> progress = d.findElements(By.id("import-rows"));
                    // the page polls: a RUNNING text from before the held import saved its progress can still be shown
                    return progress.isEmpty() || !progress.get(0).getText().startsWith("RUNNING")
                            || progress.get(0).getText().startsWith("RUNNING: 0 rows") ? null : progress.get(0).getText();
                } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                    return null; // the next poll's answer replaced it
                }
            });
            Browser.screenshot(driver, "import-progress");
            assertThat(shown).matches("RUNNING: (4,096|8,192) rows read, 0 rejected so far\\.");
        } finally {
            checkpoints.disarm();
        }
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> d.getCurrentUrl().matches(REPORT_URL));

        assertThat(driver.findElement(By.id("rows-imported")).getText()).isEqualTo(Integer.toString(customers));
        assertThat(jdbc.sql("select count(*) from customers").query(Long.class).single()).isEqualTo(customers);
    }

    /**
     * A browser declares no charset for a file part, so a Latin-1 file was read as UTF-8 and refused ("bytes that are
     * not UTF-8"), its accented names unimportable from the console. The form's charset field is honoured as the API's
     * Content-Type charset is: the preview reads the file in it, and the customer's name is stored as written.
     */
    @Test
    void anIsoLatin1FileImportsWithItsNamesAsWrittenWhenItsCharsetIsChosen() throws Exception {
        // é is the single byte 0xE9 in ISO-8859-1, ü 0xFC: neither is UTF-8
        Path file = bytes("latin1-customers.csv", "customer_id,first_name,last_name,city\nl1,Jos\u00e9,M\u00fcller,Z\u00fcrich\n",
                java.nio.charset.StandardCharsets.ISO_8859_1);
        logIn();
        driver.get(uri("/imports/new").toString());
        driver.findElement(By.id("entity-customers")).click();
        assertThat(new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("charset"))).getFirstSelectedOption().getDomAttribute("value"))
                .as("UTF-8 unless chosen").isEqualTo("UTF-8");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("charset"))).selectByValue("ISO-8859-1");
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        String previewed = new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            List<WebElement> table = d.findElements(By.id("preview-table"));
            return table.isEmpty() ? null : table.get(0).getText();
        });
        driver.findElement(By.id("upload-button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().matches(REPORT_URL));

        assertThat(previewed).contains("Jos\u00e9").contains("M\u00fcller");
        assertThat(driver.findElement(By.id("import-status")).getText()).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select first_name || ' ' || last_name || ', ' || city from customers where customer_id = 'l1'").query(String.class).single())
                .isEqualTo("Jos\u00e9 M\u00fcller, Z\u00fcrich");
    }

    /** A byte the chosen charset does not have is refused in the API's words, naming the line, the column and the charset. */
    @Test
    void aByteTheChosenCharsetLacksIsRefusedNamingLineColumnAndCharset() throws Exception {
        // 0x81 is no character in windows-1252; line 3, column city
        byte[] body = "customer_id,city\nw1,Paris\nw2,Ko\u0000ln\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        body[body.length - 4] = (byte) 0x81;
        Files.createDirectories(UPLOADS);
        Path file = Files.write(UPLOADS.resolve("windows-1252-with-0x81.csv"), body);
        logIn();
        driver.get(uri("/imports/new").toString());
        driver.findElement(By.id("entity-customers")).click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("charset"))).selectByValue("windows-1252");
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().matches(REPORT_URL));

        assertThat(driver.findElement(By.id("import-message")).getText()).isEqualTo("Line 3, column city, has bytes that are not windows-1252, the charset"
                + " chosen for the file; save the file as UTF-8 (or choose the charset it is written in) and send it again");
        assertThat(jdbc.sql("select count(*) from customers").query(Long.class).single()).isZero();
    }

    private static Path bytes(String name, String text, java.nio.charset.Charset charset) throws IOException {
        Files.createDirectories(UPLOADS);
        return Files.write(UPLOADS.resolve(name), text.getBytes(charset));
    }

    private void upload(Path file, String entity, String mode) {
        driver.get(uri("/imports/new").toString());
        driver.findElement(By.id("entity-" + entity)).click();
        driver.findElement(By.id("mode-" + mode)).click();
        driver.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        driver.findElement(By.id("upload-button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().matches(REPORT_URL));
    }

    private static Path csv(String name, String header, List<Row> rows) throws IOException {
        Files.createDirectories(UPLOADS);
        List<String> lines = new ArrayList<>(List.of(header));
        rows.forEach(row -> lines.add(row.text()));
        return Files.write(UPLOADS.resolve(name), lines);
    }

    /** The header is line 1, so the n-th data row (from 0) is on line n + 2. */
    private static List<String> expectedLines(List<Row> rows) {
        return IntStream.range(0, rows.size()).filter(i -> rows.get(i).badColumn() != null).mapToObj(i -> Integer.toString(i + 2)).toList();
    }

    private static List<String> good(List<Row> rows) {
        return rows.stream().filter(row -> row.badColumn() == null).map(row -> row.text().substring(0, row.text().indexOf(','))).toList();
    }

    private List<String> errorCells(String column) {
        return driver.findElements(By.cssSelector("#error-table tbody td." + column)).stream().map(WebElement::getText).toList();
    }
}
