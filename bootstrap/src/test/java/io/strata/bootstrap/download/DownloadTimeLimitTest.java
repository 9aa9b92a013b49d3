package io.strata.bootstrap.download;

import io.strata.bootstrap.StrataApplication;
import io.strata.bootstrap.TestHooks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code strata.downloads.time-limit} is the longest a download may take (docs/architecture.md, "Downloads as long as
 * they take"). Here it is 2 s: a client that pauses 5 s in the middle of a run's assignments gets an incomplete file,
 * its connection closed without the last chunk (left to Spring, the timeout ended the answer as a whole one: 38,800 lines
 * of 80,003 and the last chunk), and the log says which download was cut and why. DownloadStreamedTest makes the same pause (4 s) at the default limit of
 * an hour and gets the whole file; before session 60 Tomcat's 30 s applied to every download, whatever its size.
 * Its own application and database (the limit is the context's): not an {@code EndToEndTest}.
 */
@SpringBootTest(classes = StrataApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestHooks.class)
@ExtendWith(OutputCaptureExtension.class)
class DownloadTimeLimitTest {

    private static final String TOKEN = "test-token-for-the-download-time-limit";
    private static final Path DATA_DIR = Path.of("target", "download-time-limit-db-" + ProcessHandle.current().pid());

    @DynamicPropertySource
    static void strataProperties(DynamicPropertyRegistry registry) {
        registry.add("strata.data-dir", () -> DATA_DIR.toAbsolutePath().toString());
        registry.add("strata.benchmark.no-fsync", () -> "true");
        registry.add("strata.api-token", () -> TOKEN);
        registry.add("strata.admin-password", () -> "quiet harbour lantern 41");
        registry.add("strata.schedules.check-every", () -> "PT24H");
        registry.add("strata.downloads.time-limit", () -> "2s");
    }

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcClient jdbc;

    @Test
    @Timeout(180)
    void aDownloadLongerThanTheTimeLimitIsCutWithoutTheLastChunk(CapturedOutput output) throws Exception {
        long runId = RawDownload.aLargeRun(URI.create("http://localhost:" + port), TOKEN, jdbc);
        try (RawDownload download = RawDownload.start(port, "/api/v1/segmentation-runs/" + runId + "/assignments", TOKEN)) {
            assertThat(download.head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
            download.readAtLeast(16 * 1024);
            assertThat(download.ending).as("the file ended within its first 16 KB").isNull();
            Thread.sleep(5_000);
            download.readRest();
            long lines = download.csv().lines().count();
            System.err.println("time limit: lines=" + lines + " lastChunk=" + download.lastChunk + " ending=" + download.ending);
            assertThat(lines).as("lines the client got by the time limit").isLessThan(RawDownload.CUSTOMERS + 1);
            assertThat(download.lastChunk).as("the last chunk, which says the file is whole, after %s lines", lines).isFalse();
            assertThat(download.ending).as("how the file ended").isIn("closed", "reset");
        }
        assertThat(output.getOut()).containsPattern("WARN .* The download run-" + runId + "-assignments\\.csv \\(GET /api/v1/segmentation-runs/"
                + runId + "/assignments\\) was cut after [0-9,]+ rows: it took longer than the time limit of PT2S, STRATA_DOWNLOADS_TIME_LIMIT "
                + "\\(strata\\.downloads\\.time-limit\\)\\. Its connection is closed without the file's end");
    }
}
