package io.strata.bootstrap.campaign;

import io.strata.adapters.delivery.ConfiguredDestination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver nobody listens for: each delivery ends FAILED with the reason in words a planner can act on, never the
 * name of a Java exception (the deliveries download showed "could not reach …: java.net.ConnectException"; found by
 * the session 47 probe). The test context tries a batch 4 times with 0.5, 1 and 2 s between attempts.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnreachableReceiverDispatchTest extends CampaignTestSupport {

    @Autowired
    ConfiguredDestination webhook;

    private String hook;

    @BeforeEach
    void closedPort() throws Exception {
        int port;
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            port = taken.getLocalPort();
        }
        hook = "http://127.0.0.1:" + port + "/hook";
        webhook.useTarget(hook);
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stop() {
        webhook.useTarget(null);
    }

    @Test
    void aRefusedConnectionIsReportedInWordsNotAsAJavaException() throws Exception {
        long campaign = launchedCampaign(winBack("20"), null);
        long treated = json(get("/api/v1/campaigns/" + campaign + "/audience")).get("treatment").asLong();
        awaitDeliveries(campaign, d -> d.get("failed").asLong() == treated);

        List<String> rows = lines(get("/api/v1/campaigns/" + campaign + "/deliveries", "text/csv").body());
        assertThat(rows.subList(1, rows.size())).hasSize((int) treated)
                .allSatisfy(row -> assertThat(row).contains(",FAILED,4,could not reach " + hook
                        + ": the connection was refused (is the receiver running and listening on that port?)").doesNotContain("java."));
    }

    /**
     * A receiver that takes the connection and closes it without a word (a crashing or misconfigured server, something
     * that is no HTTP server): the reason says so in the product's words. Until session 59 it was the JDK's, "could not
     * reach …: the connection failed: HTTP/1.1 header parser received no bytes".
     */
    @Test
    void aReceiverThatClosesTheConnectionWithoutAnAnswerIsReportedInWordsNotInTheJdks(CapturedOutput output) throws Exception {
        try (ServerSocket silent = new ServerSocket()) {
            silent.bind(new InetSocketAddress("127.0.0.1", 0));
            Thread closer = new Thread(() -> {
                while (!silent.isClosed()) {
                    try (java.net.Socket taken = silent.accept()) {
                        taken.getInputStream().read(); // the request begins; then the receiver closes without answering
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            }, "silent-receiver");
            closer.setDaemon(true);
            closer.start();
            String closing = "http://127.0.0.1:" + silent.getLocalPort() + "/hook";
            webhook.useTarget(closing);

            int logBefore = output.getAll().length();
            long campaign = launchedCampaign(winBack("20"), null);
            long treated = json(get("/api/v1/campaigns/" + campaign + "/audience")).get("treatment").asLong();
            awaitDeliveries(campaign, d -> d.get("failed").asLong() == treated);

            List<String> rows = lines(get("/api/v1/campaigns/" + campaign + "/deliveries", "text/csv").body());
            assertThat(rows.subList(1, rows.size())).hasSize((int) treated)
                    .allSatisfy(row -> assertThat(row).doesNotContain("java.", "header parser", "bytes", "Exception", "RST", "EOF")
                            .contains(",FAILED,4,\"could not reach " + closing + ": the receiver closed the connection without a whole HTTP"
                                    + " answer (is an HTTP server listening on that port, and does it stay up while it reads the request?)\","));

            // the log: one line per attempt, with the campaign, the attempt, the destination and the reason, and no stack
            // trace; until session 60 each attempt was the webhook's WARN "a webhook attempt failed: java.io.IOException:
            // HTTP/1.1 header parser received no bytes" and some 40 lines of the HTTP client's frames
            String log = output.getAll().substring(logBefore);
            String reason = "could not reach " + closing + ": the receiver closed the connection without a whole HTTP answer";
            List<String> attempts = log.lines().filter(line -> line.contains("campaign " + campaign + " ") && line.contains(reason)).toList();
            List<String> last = attempts.stream().filter(line -> line.contains(" failed after 4 attempts: ")).toList();
            assertThat(last).isNotEmpty();
            for (int attempt = 1; attempt <= 3; attempt++) {
                String nth = ": attempt " + attempt + " of 4 to post ";
                assertThat(attempts.stream().filter(line -> line.contains(nth))).as(log).hasSize(last.size())
                        .allSatisfy(line -> assertThat(line).contains(" deliveries to STRATA_DISPATCH_WEBHOOK_URL failed: " + reason)
                                .contains("(the HTTP client: java.io.IOException: ").contains("; the next in "));
            }
            assertThat(attempts).hasSize(4 * last.size());
            assertThat(log).as("no trace of a failed attempt").doesNotContain("a webhook attempt failed", "\tat jdk.internal.net.http.",
                    "\tat java.net.http.");
        }
    }
}
