package io.strata.bootstrap.imports;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.imports.ImportTurns;
import io.strata.bootstrap.SteerableImports;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Imports take turns per node before they hold anything (docs/imports.md, "Concurrency"). Eight imports at once of one
 * orders file once filled the pool of ten: after 30 s they answered 500s and 503s, and every page waited with them. The
 * overlap is forced: the admitted imports are held as they start to read (SteerableImports) while the others arrive.
 */
class ImportAdmissionTest extends ImportEndToEndTest {

    private static final String ORDERS = "order_id,customer_id,ordered_at,amount\nPROBE-1,C-PROBE,2024-03-01T10:00:00Z,12.50\n";
    /** The suite's pool of ten (strata.db.pool-size) keeps four connections for the rest; an import holds up to three. */
    private static final int ADMITTED = 2;
    /** What an orders import holds at most: its claim (on which its record is written), its transaction and its stage. */
    private static final int CONNECTIONS_PER_IMPORT = 3;
    private static final int WAITING_AT_MOST = 32;
    /** WorkClaims.Space.IMPORTS: the first key of an import's claim, a session advisory lock. */
    private static final long IMPORT_CLAIMS = 0x53494d50L;

    @Autowired
    SteerableImports checkpoints;

    @Autowired
    ImportTurns turns;

    @Autowired
    DataSource dataSource;

    /** The imports a test sent; each test's are all answered before the next test starts, even if it failed. */
    private final List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();

    @AfterEach
    void disarmAndDrain() {
        checkpoints.disarm();
        // a failed test's imports would otherwise still be queued when the next test fills the queue (its 429 then)
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).handle((ok, failed) -> null).orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Test
    void eightImportsOfOneOrdersFileAtOnceTakeTurnsAllCompleteAndLeaveWhatOneImportLeaves() throws Exception {
        assertThat(importCsv("orders", ORDERS).statusCode()).isEqualTo(200);
        String oneImport = snapshot();
        emptyDatabase();
        assertThat(turns.admitted()).as("(10 - 4) / 3 imports at once").isEqualTo(ADMITTED);

        checkpoints.holdWhenReading();
        List<CompletableFuture<HttpResponse<String>>> imports = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                imports.add(http.sendAsync(importRequest(), HttpResponse.BodyHandlers.ofString()));
                sent.add(imports.get(imports.size() - 1));
            }
            awaitThat("two imports reading and six waiting for their turn", () -> turns.waiting() == 8 - ADMITTED && runningImports() == ADMITTED);
            // those waiting hold nothing: no record, no claim, no connection. The pool is the whole application's: the
            // scheduler's poll or an earlier test's follow-ups may take a connection for a moment, the held imports keep
            // theirs for as long as they are held, so the pool must come down to what the admitted imports hold at some
            // moment; six waiting imports holding one each would keep it at its ten. (The CI's 7 was an earlier test's
            // connection that never went back to the pool, StoppedRunSweepTest's "killed job": the failure's list of
            // connections below, with each one's state and last statement, is what found it.)
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            awaitThat(() -> "at most " + ADMITTED * CONNECTIONS_PER_IMPORT + " connections in use while the imports are held; in use "
                            + "at the end, the pool's count and the database's sessions of the application: " + inUse(pool),
                    () -> pool.getHikariPoolMXBean().getActiveConnections() <= ADMITTED * CONNECTIONS_PER_IMPORT);
            assertThat(count("select count(*) from imports")).isEqualTo(ADMITTED);
            assertThat(count("select count(*) from pg_locks where locktype = 'advisory' and objsubid = 2 and classid = " + IMPORT_CLAIMS))
                    .isEqualTo(ADMITTED);

            CompletableFuture<HttpResponse<String>> campaigns = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/campaigns"))
                    .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> meanwhile = campaigns.get(20, TimeUnit.SECONDS);
            assertThat(meanwhile.statusCode()).as(meanwhile.body()).isEqualTo(200);
            assertThat(imports).as("the campaigns answered while every import was still under way").noneMatch(CompletableFuture::isDone);
        } finally {
            checkpoints.releaseReading();
        }

        for (CompletableFuture<HttpResponse<String>> answer : imports) {
            HttpResponse<String> imported = answer.get(60, TimeUnit.SECONDS);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(json(imported).path("status").asString()).isEqualTo("COMPLETED");
        }
        assertThat(count("select count(*) from imports where status = 'COMPLETED'")).isEqualTo(8);
        assertThat(snapshot()).isEqualTo(oneImport);
    }

    @Test
    void anImportBeyondThoseWaitingIsRefusedWith429BeforeAnythingOfItIsWritten() throws Exception {
        checkpoints.holdWhenReading();
        List<CompletableFuture<HttpResponse<String>>> imports = new ArrayList<>();
        try {
            for (int i = 0; i < ADMITTED + WAITING_AT_MOST; i++) {
                imports.add(http.sendAsync(importRequest(), HttpResponse.BodyHandlers.ofString()));
                sent.add(imports.get(imports.size() - 1));
            }
            awaitThat("two imports reading and 32 waiting", () -> turns.waiting() == WAITING_AT_MOST && runningImports() == ADMITTED);

            CompletableFuture<HttpResponse<String>> oneMore = http.sendAsync(importRequest(), HttpResponse.BodyHandlers.ofString());
            sent.add(oneMore);
            HttpResponse<String> refused = oneMore.get(20, TimeUnit.SECONDS);

            assertProblem(refused, 429);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(json(refused).path("title").asString()).isEqualTo("Too many imports at once");
            assertThat(json(refused).path("detail").asString()).isEqualTo("Strata is busy with imports: 2 are running and 32 are waiting "
                    + "for their turn, which is as many as it queues, so this import was not started and nothing of it was written. "
                    + "Send the file again in 30 seconds, or once an import has finished.");
            assertThat(count("select count(*) from imports")).as("the refused import left no record").isEqualTo(ADMITTED);

            HttpResponse<String> refusedUpload = uploadInTheConsole();
            assertThat(refusedUpload.statusCode()).as(refusedUpload.body()).isEqualTo(429);
            assertThat(refusedUpload.headers().firstValue("Retry-After")).hasValue("30");
            assertThat(refusedUpload.body()).contains("Strata is busy with imports: 2 are running and 32 are waiting");
            assertThat(count("select count(*) from imports")).as("nor did the refused upload").isEqualTo(ADMITTED);
        } finally {
            checkpoints.releaseReading();
        }
        for (CompletableFuture<HttpResponse<String>> answer : imports) {
            HttpResponse<String> imported = answer.get(60, TimeUnit.SECONDS);
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        }
        assertThat(count("select count(*) from imports where status = 'COMPLETED'")).isEqualTo(ADMITTED + WAITING_AT_MOST);
        assertThat(count("select count(*) from orders")).isEqualTo(1);
    }

    /** The console's upload form, sent as a browser without JavaScript sends it, by the suite's admin. */
    private HttpResponse<String> uploadInTheConsole() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = "username=admin&password=" + URLEncoder.encode(ADMIN_PASSWORD, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf(browser, "/login"), StandardCharsets.UTF_8);
        HttpResponse<String> loggedIn = browser.send(HttpRequest.newBuilder(uri("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(login)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String boundary = "----admission" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        String[] fields = {"_csrf", csrf(browser, "/imports/new"), "entity", "orders", "mode", "strict"};
        for (int i = 0; i < fields.length; i += 2) {
            body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(fields[i]).append("\"\r\n\r\n")
                    .append(fields[i + 1]).append("\r\n");
        }
        body.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"orders.csv\"\r\n")
                .append("Content-Type: text/csv\r\n\r\n").append(ORDERS).append("\r\n--").append(boundary).append("--\r\n");
        return browser.send(HttpRequest.newBuilder(uri("/imports")).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf(HttpClient browser, String page) throws Exception {
        String html = browser.send(HttpRequest.newBuilder(uri(page)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher input = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*>").matcher(html);
        assertThat(input.find()).as(page + " has a _csrf input").isTrue();
        Matcher value = Pattern.compile("value=\"([^\"]+)\"").matcher(input.group());
        assertThat(value.find()).isTrue();
        return value.group(1);
    }

    private HttpRequest importRequest() {
        return HttpRequest.newBuilder(uri("/api/v1/imports/orders")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", CSV).POST(HttpRequest.BodyPublishers.ofString(ORDERS)).build();
    }

    private long runningImports() {
        return count("select count(*) from imports where status = 'RUNNING'");
    }

    private String inUse(HikariDataSource pool) {
        return pool.getHikariPoolMXBean().getActiveConnections() + " " + jdbc.sql(
                "select pid || ' ' || state || ' since ' || state_change || ': ' || left(query, 200) from pg_stat_activity "
                        + "where application_name like 'strata%'")
                .query(String.class).list();
    }

    private static void awaitThat(String what, BooleanSupplier condition) throws InterruptedException {
        awaitThat(() -> what, condition);
    }

    /**
     * Polls the condition for at most 20 s (the held imports go on by themselves after 30 s); the explanation is built when
     * the wait failed, so it says what was so then.
     */
    private static void awaitThat(Supplier<String> what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
