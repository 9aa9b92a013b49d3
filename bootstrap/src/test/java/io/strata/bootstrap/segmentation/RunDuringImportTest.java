package io.strata.bootstrap.segmentation;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A run started while a large orders import is under way waits for it or works on the data committed before it, and
 * never fails because of it. The overlap is forced: the import's body stops arriving after 90,000 of its 100,000 lines
 * (by then the import has taken the tables of a bulk load), the run starts and is seen waiting for a lock, and only
 * then does the rest of the body arrive.
 */
class RunDuringImportTest extends EndToEndTest {

    private static final String AS_OF = "2024-12-31";
    private static final int IMPORTED_LINES = 100_000;
    private static final int LINES_BEFORE_PAUSE = 90_000;

    @AfterEach
    void removeTacticalSegments() {
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
    }

    @Test
    @Timeout(180)
    void aRunStartedDuringABulkOrdersImportCompletesAndEqualsASerialRunOnTheDataCommittedBeforeIt() throws Exception {
        emptyDatabase();
        jdbc.sql("truncate table tactical_run_sizes, tactical_members, tactical_segments cascade").update();
        assertThat(post("/api/v1/imports/orders", "text/csv", baseOrders()).statusCode()).isEqualTo(200);
        activate("rfm-classic");
        // a rule over orders and their lines: the run's follow-up reads both tables in one statement
        HttpResponse<String> tactical = post("/api/v1/tactical-segments", "application/json",
                "{\"name\":\"Kids buyers\",\"parentSegment\":\"champions\",\"rule\":\"count(orders where category = \\\"kids\\\" within 3650 days) >= 1\"}");
        assertThat(tactical.statusCode()).as(tactical.body()).isEqualTo(201);
        long serialRun = runAndWait();
        String serialAssignments = assignments(serialRun);

        CountDownLatch restOfBody = new CountDownLatch(1);
        CompletableFuture<HttpResponse<String>> bigImport = http.sendAsync(HttpRequest.newBuilder(uri("/api/v1/imports/orders"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> pausedBody(restOfBody))).build(), HttpResponse.BodyHandlers.ofString());
        try {
            // the import has taken order_lines for a bulk load once its key blocks ran out at the 65,537th order
            await().atMost(Duration.ofSeconds(60)).until(() -> count("""
                    select count(*) from pg_locks where locktype = 'relation' and relation = 'order_lines'::regclass
                    and mode = 'AccessExclusiveLock' and granted""") == 1);
            CompletableFuture<HttpResponse<String>> overlapped = CompletableFuture.supplyAsync(() -> postQuietly(
                    "/api/v1/segmentation-runs?wait=true", "{\"asOf\":\"" + AS_OF + "\"}"));
            await().atMost(Duration.ofSeconds(60)).until(() -> count(
                    "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and backend_type = 'client backend'") >= 1);
            restOfBody.countDown();

            HttpResponse<String> imported = bigImport.get(120, TimeUnit.SECONDS);
            HttpResponse<String> run = overlapped.get(120, TimeUnit.SECONDS);

            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            assertThat(imported.body()).contains("\"status\":\"COMPLETED\"").contains("\"rowsImported\":" + IMPORTED_LINES);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            assertThat(run.body()).as(run.body()).contains("\"status\":\"COMPLETED\"");
            // the run's snapshot was taken before the import committed: it saw the 300 customers of the base, as the serial run did
            assertThat(run.body()).contains("\"customers\":300");
            assertThat(assignments(number(run.body(), "runId"))).isEqualTo(serialAssignments);
            // the predictions, made beside the assignment, read its snapshot too: the 300 buyers of the base, not 2,300
            HttpResponse<String> predictions = get("/api/v1/segmentation-runs/" + number(run.body(), "runId") + "/predictions");
            assertThat(predictions.body()).as(predictions.body()).contains("\"customers\":300,");
            assertThat(count("select count(*) from order_lines")).isEqualTo(1_200 + IMPORTED_LINES);
        } finally {
            restOfBody.countDown();
        }
    }

    /** 300 customers with one to three orders of two lines in 2024: 600 orders, 1,200 lines. */
    private static String baseOrders() {
        StringBuilder file = new StringBuilder("order_id,customer_id,ordered_at,amount,category\n");
        for (int c = 0; c < 300; c++) {
            for (int o = 0; o <= c % 3; o++) {
                String order = "B" + c + "-" + o;
                String day = String.format("2024-%02d-%02d", 1 + (c + o * 5) % 12, 1 + c % 28);
                file.append(order).append(",C").append(c).append(',').append(day).append(',').append(10 + c % 90).append(".50,kids\n");
                file.append(order).append(",C").append(c).append(',').append(day).append(",5,toys\n");
            }
        }
        return file.toString();
    }

    /** 100,000 one-line orders of 2,000 new customers; the stream stops after 90,000 lines until the latch opens. */
    private static InputStream pausedBody(CountDownLatch restOfBody) {
        return new SequenceInputStream(new ByteArrayInputStream(lines(0, LINES_BEFORE_PAUSE, true)), new InputStream() {
            private InputStream rest;

            @Override
            public int read() throws IOException {
                return rest().read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return rest().read(b, off, len);
            }

            private InputStream rest() throws IOException {
                if (rest == null) {
                    try {
                        restOfBody.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    rest = new ByteArrayInputStream(lines(LINES_BEFORE_PAUSE, IMPORTED_LINES, false));
                }
                return rest;
            }
        });
    }

    private static byte[] lines(int from, int to, boolean header) {
        StringBuilder file = new StringBuilder(header ? "order_id,customer_id,ordered_at,amount,category\n" : "");
        for (int i = from; i < to; i++) {
            file.append("N").append(i).append(",N").append(i % 2000).append(",2024-06-").append(String.format("%02d", 1 + i % 28))
                    .append(",").append(1 + i % 40).append(",kids\n");
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void activate(String template) throws Exception {
        HttpResponse<String> created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Value\",\"template\":\"" + template + "\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        long id = number(created.body(), "id");
        assertThat(post("/api/v1/segmentations/" + id + "/activate", "application/json", "").statusCode()).isEqualTo(200);
    }

    private long runAndWait() throws Exception {
        HttpResponse<String> run = post("/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"" + AS_OF + "\"}");
        assertThat(run.body()).contains("\"status\":\"COMPLETED\"");
        return number(run.body(), "runId");
    }

    private HttpResponse<String> postQuietly(String path, String body) {
        try {
            return post(path, "application/json", body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String assignments(long runId) throws Exception {
        HttpResponse<String> csv = get("/api/v1/segmentation-runs/" + runId + "/assignments");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body().lines().count()).isEqualTo(301);
        return csv.body();
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
