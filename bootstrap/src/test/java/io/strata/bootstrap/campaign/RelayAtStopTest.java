package io.strata.bootstrap.campaign;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.delivery.ConfiguredDestination;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.OtherNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Strata stopped (a SIGTERM, a deploy) while it relays a campaign's deliveries to a webhook: the batch it is posting is
 * answered and marked SENT before the database's pool closes, no further batch is claimed, and the rest, untried, goes
 * out at the first look at the clock after the restart (here on the suite's node): every delivery reaches the receiver
 * exactly once. Before session 58 the relay went on claiming batches through the stop until the dispatch pool's wait
 * ran out and interrupted the batch under way, which the receiver had taken: marked FAILED "interrupted while posting",
 * it was sent again after the restart (the probe with the jar: 1,000 of 5,783 deliveries received twice).
 *
 * <p>The receiver takes 1.5 s to answer each batch of 3; the node's stop waits 2 s.
 */
class RelayAtStopTest extends CampaignTestSupport {

    @Autowired
    ConfiguredDestination webhook;

    @Autowired
    HikariDataSource dataSource;

    @Autowired
    RunDueWork suiteLook;

    private HttpServer server;
    private ExecutorService receiverThreads;
    private String hook;
    private OtherNode node;
    private final Map<Long, Integer> receivedTimes = new ConcurrentHashMap<>();
    private final CountDownLatch firstRequestArrived = new CountDownLatch(1);

    @BeforeEach
    void slowReceiver() throws Exception {
        receiverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(receiverThreads);
        server.createContext("/hook", exchange -> {
            // taken as soon as it is read, as a receiver that stores what it got and then answers
            JSON.readTree(exchange.getRequestBody().readAllBytes()).get("deliveries")
                    .forEach(d -> receivedTimes.merge(d.get("deliveryId").asLong(), 1, Integer::sum));
            firstRequestArrived.countDown();
            try {
                Thread.sleep(1500);
                exchange.sendResponseHeaders(200, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
        hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        // the suite's node sends nothing until the test says so
        webhook.useTarget(null);
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stop() {
        webhook.useTarget(null);
        if (node != null) {
            node.close();
        }
        server.stop(0);
        receiverThreads.shutdownNow();
    }

    @Test
    void theBatchUnderWayIsAnsweredAndMarkedBeforeTheStopEndsAndTheRestGoesOutOnceAfterIt() throws Exception {
        long id = launchedCampaign(winBack("20"), null);
        List<Long> deliveryIds = jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? order by delivery_id")
                .param(id).query(Long.class).list();
        assertThat(deliveryIds).hasSizeGreaterThan(6);
        node = OtherNode.start(dataSource, "strata.schedules.enabled=false", "strata.predictions.warm-up=false",
                "spring.lifecycle.timeout-per-shutdown-phase=2s", "strata.dispatch.webhook-url=" + hook,
                "strata.dispatch.webhook-secret=" + WEBHOOK_SECRET, "strata.dispatch.webhook-batch-size=3",
                "strata.dispatch.webhook-read-timeout=PT10S");

        node.bean(RunCampaigns.class).dispatch(id);
        assertThat(firstRequestArrived.await(30, TimeUnit.SECONDS)).as("the node's first batch reached the receiver").isTrue();
        CompletableFuture.runAsync(node::close).get(1, TimeUnit.MINUTES);

        assertThat(statuses(id)).as("the batch under way marked SENT before the pool closed; nothing else claimed")
                .isEqualTo("PENDING:0:" + (deliveryIds.size() - 3) + ":0|SENT:1:3:0");
        assertThat(receivedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds.subList(0, 3));

        // the first look at the clock after the restart relays the untried rest
        webhook.useTarget(hook);
        suiteLook.runDueWork();
        awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size());
        assertThat(receivedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
        assertThat(receivedTimes.values()).as("each delivery received once").containsOnly(1);
    }

    /** status:attempts:how many:how many claimed, per status and attempts. */
    private String statuses(long id) {
        return String.join("|", jdbc.sql("""
                        select status || ':' || attempts || ':' || count(*) || ':' || count(claimed_by) from campaign_deliveries
                        where campaign_id = ? group by status, attempts order by status, attempts""")
                .param(id).query(String.class).list());
    }
}
