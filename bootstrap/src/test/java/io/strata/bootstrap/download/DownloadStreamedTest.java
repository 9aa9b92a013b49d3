package io.strata.bootstrap.download;

import io.strata.bootstrap.EndToEndTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's assignments are read from the database while the client reads the file, not all into the JVM before its
 * first row (docs/architecture.md, "Downloads streamed from the database"). PostgreSQL's driver honours a fetch size only
 * within a transaction; with the pool's autocommit on it read the whole result first, and the database was done with
 * the query before the client had its first bytes. Here a client reads the first bytes and stops: the download's
 * database session must still be inside its query, with rows left to send, as long as the client waits; then the
 * client reads the rest and the file is whole.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class DownloadStreamedTest extends EndToEndTest {

    /** The sessions reading a run's assignments for a download, in a query or in its transaction between two fetches. */
    static final String READING = "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() "
            + "and query like '%from run_assignments a join customers c%' and state in ('active', 'idle in transaction')";

    @Test
    @Timeout(180)
    void aRunsAssignmentsAreReadByCursorWhileTheClientWaitsAndTheFileIsWhole() throws Exception {
        emptyDatabase();
        long runId = RawDownload.aLargeRun(URI.create("http://localhost:" + port), TOKEN, jdbc);
        try (RawDownload download = RawDownload.start(port, "/api/v1/segmentation-runs/" + runId + "/assignments", TOKEN)) {
            assertThat(download.head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
            download.readAtLeast(16 * 1024);
            assertThat(download.ending).as("the file ended within its first 16 KB").isNull();
            // the client waits 4 s (past Tomcat's former 30 s it would be cut; here it only pauses): all along the download's
            // session is still reading the query, a fetch size at a time. Without the transaction the driver had read every
            // row at once: the session is back 'idle' in the pool before the client's first bytes.
            for (int look = 0; look < 20; look++) {
                assertThat(jdbc.sql(READING).query(Long.class).single())
                        .as("sessions still reading the assignments' query while the client waits (look %s of 20): %s", look + 1,
                                jdbc.sql("select state || ': ' || left(query, 80) from pg_stat_activity where datname = current_database() "
                                        + "and pid <> pg_backend_pid()").query(String.class).list())
                        .isEqualTo(1);
                Thread.sleep(200);
            }
            download.readRest();
            List<String> lines = download.csv().lines().toList();
            System.err.println("streamed: lines=" + lines.size() + " lastChunk=" + download.lastChunk + " ending=" + download.ending);
            assertThat(lines.get(0)).startsWith("customer_id,segment,");
            assertThat(lines).as("the header and a row per customer").hasSize(RawDownload.CUSTOMERS + 1);
            assertThat(lines.get(1)).startsWith("bulk-000001-");
            assertThat(lines.get(lines.size() - 1)).startsWith("m2,");
            assertThat(download.lastChunk).as("the last chunk: the file is whole").isTrue();
        }
        // the download's connection went back to the pool as it came: no session left in a transaction
        org.awaitility.Awaitility.await("the download's session out of its transaction").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql(READING).query(Long.class).single() == 0);
    }

    /** The sessions reading a campaign's deliveries for a download, in their query or between two fetches. */
    static final String READING_DELIVERIES = "select count(*) from pg_stat_activity where pid <> pg_backend_pid() and datname = current_database() "
            + "and query like '%from campaign_deliveries where campaign_id%' and state in ('active', 'idle in transaction')";

    /**
     * A campaign's deliveries as NDJSON are streamed as every CSV download is (session 61; before, their query was read
     * whole into the JVM before the first line, outside any transaction): while the client holds its reading, the
     * download's session is still in its query; then the file is whole, line for line as before. A second download whose
     * session the database ends while its client pauses is cut midway: no last chunk, and the log says which and why.
     */
    @Test
    @Timeout(240)
    void aCampaignsDeliveriesAsNdjsonAreReadByCursorAndCutMidwayWithoutTheFilesEnd(
            org.springframework.boot.test.system.CapturedOutput output) throws Exception {
        emptyDatabase();
        long runId = RawDownload.aLargeRun(URI.create("http://localhost:" + port), TOKEN, jdbc);
        String segment = jdbc.sql("select segment_key from run_assignments a join customers c using (customer_key) where a.run_id = ? "
                + "and c.customer_id like 'bulk-%' limit 1").param(runId).query(String.class).single();
        var created = post("/api/v1/campaigns", "application/json", """
                {"name": "Streamed deliveries", "objective": "a large file", "targetSegment": "%s",
                 "actions": [{"channel": "email", "content": "template:winback-1"}], "controlGroupPercent": 10, "attributionWindowDays": 30}"""
                .formatted(segment));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        long campaign = io.strata.bootstrap.segmentation.SegmentationApiTest.number(created.body(), "id");
        assertThat(post("/api/v1/campaigns/" + campaign + "/schedule", "application/json", "").statusCode()).isEqualTo(200);
        var launched = post("/api/v1/campaigns/" + campaign + "/launch", "application/json", "");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        // the bulk customers have no consent, so the launch delivered to none of them: their deliveries are written here, sent
        jdbc.sql("insert into campaign_deliveries (campaign_id, customer_key, customer_id, email, channel, content, status, attempts) "
                + "select ?, customer_key, customer_id, left(customer_id, 11) || '@example.org', 'EMAIL', 'template:winback-1', 'SENT', 1 "
                + "from customers where customer_id like 'bulk-%' on conflict do nothing").param(campaign).update();
        long deliveries = jdbc.sql("select count(*) from campaign_deliveries where campaign_id = ?").param(campaign).query(Long.class).single();
        assertThat(deliveries).isGreaterThanOrEqualTo(RawDownload.CUSTOMERS - 2);
        String path = "/api/v1/campaigns/" + campaign + "/deliveries";

        try (RawDownload download = RawDownload.start(port, path, TOKEN, "application/x-ndjson")) {
            assertThat(download.head).startsWith("HTTP/1.1 200").containsIgnoringCase("Content-Type: application/x-ndjson")
                    .containsIgnoringCase("Content-Disposition: attachment; filename=\"campaign-" + campaign + "-deliveries.ndjson\"");
            download.readAtLeast(16 * 1024);
            assertThat(download.ending).as("the file ended within its first 16 KB").isNull();
            // read whole before its first line, the query had ended: no session would be in it while the client waits
            for (int look = 0; look < 10; look++) {
                assertThat(jdbc.sql(READING_DELIVERIES).query(Long.class).single())
                        .as("sessions still reading the deliveries' query while the client waits (look %s of 10)", look + 1).isEqualTo(1);
                Thread.sleep(200);
            }
            download.readRest();
            List<String> lines = download.csv().lines().toList();
            assertThat(lines).as("a line per delivery").hasSize((int) deliveries);
            assertThat(lines.get(0)).isEqualTo("{\"customer_id\":\"bulk-000001-" + "x".repeat(52) + "\",\"email\":\"bulk-000001@example.org\","
                    + "\"phone\":null,\"channel\":\"email\",\"content\":\"template:winback-1\",\"discount_percent\":null,\"status\":\"SENT\","
                    + "\"attempts\":1,\"last_error\":null,\"tactical_segment_id\":null,\"destination\":\"STRATA_DISPATCH_WEBHOOK_URL\"}");
            assertThat(download.csv()).endsWith("}\n");
            assertThat(download.lastChunk).as("the last chunk: the file is whole").isTrue();
        }
        org.awaitility.Awaitility.await("the download's session out of its transaction").atMost(java.time.Duration.ofSeconds(10))
                .until(() -> jdbc.sql(READING_DELIVERIES).query(Long.class).single() == 0);

        try (RawDownload cut = RawDownload.start(port, path, TOKEN, "application/x-ndjson")) {
            cut.readAtLeast(16 * 1024);
            org.awaitility.Awaitility.await("the download in its query").atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> jdbc.sql(READING_DELIVERIES).query(Long.class).single() == 1);
            jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid() "
                    + "and query like '%from campaign_deliveries where campaign_id%' and state in ('active', 'idle in transaction')")
                    .query(Boolean.class).list();
            cut.readRest();
            assertThat(cut.csv().lines().count()).as("lines before the cut").isLessThan(deliveries);
            assertThat(cut.lastChunk).as("a cut file has no last chunk (%s)", cut.ending).isFalse();
        }
        assertThat(output.getOut()).containsPattern("WARN .* The download campaign-" + campaign + "-deliveries\\.ndjson \\(GET " + path.replace("/", "/")
                + "\\) was cut after [0-9,]+ rows: the database failed while its rows were read");
    }
}
