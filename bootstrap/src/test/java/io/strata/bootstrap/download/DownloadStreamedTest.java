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
}
