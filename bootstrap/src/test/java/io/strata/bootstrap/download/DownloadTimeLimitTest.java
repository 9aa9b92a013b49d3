package io.strata.bootstrap.download;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.OtherNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code strata.downloads.time-limit} is the longest a download may take (docs/architecture.md, "Downloads as long as
 * they take"). Here it is 2 s: a client that pauses 5 s in the middle of a run's assignments gets an incomplete file,
 * its connection closed without the last chunk (left to Spring, the timeout ended the answer as a whole one: 38,800 lines
 * of 80,003 and the last chunk), and the log says which download was cut and why. DownloadStreamedTest makes the same pause (4 s) at the default limit of
 * an hour and gets the whole file; before session 60 Tomcat's 30 s applied to every download, whatever its size.
 * The limit is a node's: a second node on the suite's database ({@link OtherNode}) has it, the suite's run is read there.
 */
@ExtendWith(OutputCaptureExtension.class)
class DownloadTimeLimitTest extends EndToEndTest {

    @Autowired
    private HikariDataSource dataSource;

    @Test
    @Timeout(180)
    void aDownloadLongerThanTheTimeLimitIsCutWithoutTheLastChunk(CapturedOutput output) throws Exception {
        emptyDatabase();
        long runId = RawDownload.aLargeRun(URI.create("http://localhost:" + port), TOKEN, jdbc);
        try (OtherNode node = OtherNode.start(dataSource, "strata.downloads.time-limit=2s", "strata.schedules.enabled=false",
                "strata.predictions.warm-up=false")) {
            try (RawDownload download = RawDownload.start(node.port(), "/api/v1/segmentation-runs/" + runId + "/assignments", TOKEN)) {
                assertThat(download.head).startsWith("HTTP/1.1 200").containsIgnoringCase("Transfer-Encoding: chunked");
                download.readAtLeast(16 * 1024);
                assertThat(download.ending).as("the file ended within its first 16 KB").isNull();
                Thread.sleep(5_000);
                download.readRest();
                long lines = download.csv().lines().count();
                assertThat(lines).as("lines the client got by the time limit").isLessThan(RawDownload.CUSTOMERS + 1);
                assertThat(download.lastChunk).as("the last chunk, which says the file is whole, after %s lines", lines).isFalse();
                assertThat(download.ending).as("how the file ended").isIn("closed", "reset");
            }
        }
        assertThat(output.getOut()).containsPattern("WARN .* The download run-" + runId + "-assignments\\.csv \\(GET /api/v1/segmentation-runs/"
                + runId + "/assignments\\) was cut after [0-9,]+ rows: it took longer than the time limit of PT2S, STRATA_DOWNLOADS_TIME_LIMIT "
                + "\\(strata\\.downloads\\.time-limit\\)\\. Its connection is closed without the file's end");
    }
}
