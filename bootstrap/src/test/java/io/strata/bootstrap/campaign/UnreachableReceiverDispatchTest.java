package io.strata.bootstrap.campaign;

import io.strata.adapters.delivery.ConfiguredDestination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver nobody listens for: each delivery ends FAILED with the reason in words a planner can act on, never the
 * name of a Java exception (the deliveries download showed "could not reach …: java.net.ConnectException"; found by
 * the session 47 probe). The test context tries a batch 4 times with 0.5, 1 and 2 s between attempts.
 */
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
    void aReceiverThatClosesTheConnectionWithoutAnAnswerIsReportedInWordsNotInTheJdks() throws Exception {
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

            long campaign = launchedCampaign(winBack("20"), null);
            long treated = json(get("/api/v1/campaigns/" + campaign + "/audience")).get("treatment").asLong();
            awaitDeliveries(campaign, d -> d.get("failed").asLong() == treated);

            List<String> rows = lines(get("/api/v1/campaigns/" + campaign + "/deliveries", "text/csv").body());
            assertThat(rows.subList(1, rows.size())).hasSize((int) treated)
                    .allSatisfy(row -> assertThat(row).doesNotContain("java.", "header parser", "bytes", "Exception", "RST", "EOF")
                            .contains(",FAILED,4,\"could not reach " + closing + ": the receiver closed the connection without a whole HTTP"
                                    + " answer (is an HTTP server listening on that port, and does it stay up while it reads the request?)\","));
        }
    }
}
