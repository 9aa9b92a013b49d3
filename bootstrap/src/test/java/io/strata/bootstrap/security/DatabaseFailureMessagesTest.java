package io.strata.bootstrap.security;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import io.strata.adapters.web.imports.ImportController;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.util.ReflectionTestUtils;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run or an import that fails in the database tells its readers (API, console, stored record) what happened in the
 * product's words, what to do, and a reference to the logged details; never PostgreSQL's own text. The failure is
 * provoked for real: a test connection holds a table exclusively, and the statement waiting for it is cancelled.
 */
class DatabaseFailureMessagesTest extends AdminApi {

    private static final String PASSWORD = "Tq7#vLm2!pXe9wRz-failures";
    /** Words of PostgreSQL's and the driver's messages that must never reach a reader. */
    private static final List<String> DATABASE_TEXT = List.of("ERROR:", "SQLState", "pid", "oid", "relation", "deadlock detected",
            "canceling statement", "PSQLException", "Process ");
    /** The same for a whole console page, whose markup and scripts may hold ordinary words like "void". */
    private static final List<String> DATABASE_TEXT_ON_PAGES = List.of("ERROR:", "SQLState", "deadlock detected", "canceling statement",
            "PSQLException", "of database");

    @Autowired
    private DataSource dataSource;

    @Autowired
    private ImportController importController;

    private Connection blocker;

    @BeforeEach
    void base() throws Exception {
        emptyDatabase();
        assertThat(post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nO1,C1,2024-03-01,10\nO2,C2,2024-04-01,20\n")
                .statusCode()).isEqualTo(200);
        blocker = dataSource.getConnection();
        blocker.setAutoCommit(false);
    }

    @AfterEach
    void release() throws Exception {
        blocker.rollback();
        blocker.close();
    }

    @Test
    @Timeout(120)
    void aRunCancelledInTheDatabaseFailsWithAProductSentenceAndAReference() throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"rfm-classic\"}");
        assertThat(post("/api/v1/segmentations/" + number(created.body(), "id") + "/activate", "application/json", "").statusCode()).isEqualTo(200);
        lock("customer_purchase_facts");

        CompletableFuture<HttpResponse<String>> run = CompletableFuture.supplyAsync(() -> quietly(() ->
                post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2024-12-31\"}")));
        HttpResponse<String> answer = cancelWaitingStatementsUntilAnswered(run);

        assertThat(answer.body()).contains("\"status\":\"FAILED\"");
        long runId = number(answer.body(), "runId");
        String stored = jdbc.sql("select error from segmentation_runs where run_id = ?").param(runId).query(String.class).single();
        assertThat(stored).matches("Run " + runId + " could not be completed because of a problem on Strata's side; the previous results "
                + "stay current \\(reference [0-9a-f]{8}\\)\\. Start the run again; if it fails again, give the reference to your administrator\\.");
        assertNoDatabaseText(answer.body());
        assertNoDatabaseText(get("/api/v1/segmentation-runs/" + runId).body());
        HttpResponse<String> page = console().get("/segmentation-runs/" + runId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("could not be completed because of a problem on Strata&#39;s side");
        assertNoDatabaseText(page.body(), DATABASE_TEXT_ON_PAGES);
    }

    @Test
    @Timeout(120)
    void anImportCancelledInTheDatabaseAnswers503WithAProductSentenceAndRecordsItSo() throws Exception {
        lock("order_lines");

        CompletableFuture<HttpResponse<String>> imported = CompletableFuture.supplyAsync(() -> quietly(() ->
                post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nO3,C3,2024-05-01,30\n")));
        HttpResponse<String> answer = cancelWaitingStatementsUntilAnswered(imported);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        String sentence = "The import could not be completed because of a problem on Strata's side, not in the file; nothing of it was "
                + "written \\(reference [0-9a-f]{8}\\)\\. Send the file again; if it fails again, give the reference to your administrator\\.";
        assertThat(field(answer.body(), "detail")).matches(sentence);
        String importId = field(answer.body(), "importId");
        assertThat(jdbc.sql("select status || ': ' || message from imports where import_id = ?::uuid").param(importId).query(String.class).single())
                .matches("FAILED: " + sentence);
        assertNoDatabaseText(answer.body());
        assertNoDatabaseText(get("/api/v1/imports/" + importId).body());
        HttpResponse<String> page = console().get("/imports/" + importId);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("nothing of it was written");
        assertNoDatabaseText(page.body(), DATABASE_TEXT_ON_PAGES);
        assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void aBodyOverTheLimitFoundWhileImportingKeepsItsOwnWordsAnd413() throws Exception {
        Object limit = ReflectionTestUtils.getField(importController, "maxBodyBytes");
        ReflectionTestUtils.setField(importController, "maxBodyBytes", 100_000L);
        try {
            StringBuilder body = new StringBuilder("order_id,customer_id,ordered_at,amount\n");
            for (int i = 0; body.length() < 300_000; i++) {
                body.append("L").append(i).append(",C").append(i).append(",2024-05-01,1\n");
            }
            // streamed without a length, so the limit is passed while the import reads rows
            HttpResponse<String> answer = send(java.net.http.HttpRequest.newBuilder(uri("/api/v1/imports/orders"))
                    .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() ->
                            new java.io.ByteArrayInputStream(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build());

            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
            assertThat(jdbc.sql("select status || ': ' || message from imports where status <> 'COMPLETED'").query(String.class).single())
                    .isEqualTo("FAILED: the body is larger than the limit of 100000 bytes (strata.import.max-body-size); split the file or "
                            + "raise the limit");
        } finally {
            ReflectionTestUtils.setField(importController, "maxBodyBytes", limit);
        }
    }

    private void lock(String table) throws Exception {
        try (Statement statement = blocker.createStatement()) {
            statement.execute("lock table " + table + " in access exclusive mode");
        }
    }

    /**
     * Cancels, as an operator would, every statement of the application that waits for a lock (the test's), until the
     * request has answered. A run reads the locked table on more than one connection (the assignment, and the
     * predictions beside it), so there may be several; at least one must have been cancelled.
     */
    private HttpResponse<String> cancelWaitingStatementsUntilAnswered(CompletableFuture<HttpResponse<String>> request) throws Exception {
        String cancelWaiting = "select pg_cancel_backend(pid) from pg_stat_activity where wait_event_type = 'Lock' and backend_type = 'client backend'";
        AtomicInteger cancelled = new AtomicInteger();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            cancelled.addAndGet((int) jdbc.sql(cancelWaiting).query(Boolean.class).list().stream().filter(Boolean::booleanValue).count());
            return request.isDone();
        });
        assertThat(cancelled.get()).as("statements cancelled").isPositive();
        return request.get();
    }

    private ConsoleSession console() throws Exception {
        return loggedIn("ADMIN", PASSWORD);
    }

    private static void assertNoDatabaseText(String text) {
        assertNoDatabaseText(text, DATABASE_TEXT);
    }

    private static void assertNoDatabaseText(String text, List<String> fragments) {
        for (String fragment : fragments) {
            assertThat(text).as("database text in %s", text).doesNotContainIgnoringCase(fragment);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T quietly(Call<T> call) {
        try {
            return call.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
