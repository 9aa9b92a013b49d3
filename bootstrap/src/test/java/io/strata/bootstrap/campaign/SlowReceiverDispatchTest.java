package io.strata.bootstrap.campaign;

import com.sun.net.httpserver.HttpServer;
import io.strata.adapters.delivery.ConfiguredDestination;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver that hangs for one campaign delays neither another campaign nor the dispatch call. The test context bounds
 * an attempt to 1 s to connect and 2 s for the answer, and tries a batch 4 times with 0.5, 1 and 2 s between attempts.
 */
class SlowReceiverDispatchTest extends CampaignTestSupport {

    @Autowired
    ConfiguredDestination webhook;

    private HttpServer server;
    private ExecutorService receiverThreads;
    private final AtomicLong hangingCampaign = new AtomicLong(-1);
    private final CountDownLatch hangingCampaignArrived = new CountDownLatch(1);
    private final CountDownLatch fifthRequestOfTheHangingCampaignArrived = new CountDownLatch(5);
    private final CountDownLatch releaseHangingReceiver = new CountDownLatch(1);
    private final AtomicInteger hangingCampaignRequests = new AtomicInteger();

    @BeforeEach
    void receiver() throws Exception {
        receiverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(receiverThreads);
        server.createContext("/hook", exchange -> {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (body.get("campaignId").asLong() == hangingCampaign.get()) {
                hangingCampaignRequests.incrementAndGet();
                hangingCampaignArrived.countDown();
                fifthRequestOfTheHangingCampaignArrived.countDown();
                try {
                    releaseHangingReceiver.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        webhook.useTarget("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stop() {
        releaseHangingReceiver.countDown();
        webhook.useTarget(null);
        server.stop(0);
        receiverThreads.shutdownNow();
    }

    @Test
    void aHangingReceiverForOneCampaignDelaysNeitherAnotherCampaignNorTheDispatchCallAndItsAttemptsEndTimedOut() throws Exception {
        long slow = createCampaign(winBack("20"));
        hangingCampaign.set(slow);
        assertThat(action(slow, "schedule", "").statusCode()).isEqualTo(200);
        assertThat(action(slow, "launch", "").statusCode()).isEqualTo(200);
        assertThat(hangingCampaignArrived.await(20, TimeUnit.SECONDS)).as("the slow campaign's first request reached the receiver").isTrue();

        long fast = launchedCampaign(winBack("20"), null);
        long fastTreated = json(get("/api/v1/campaigns/" + fast + "/audience")).get("treatment").asLong();
        awaitDeliveries(fast, d -> d.get("sent").asLong() == fastTreated);

        // the other campaign is through while the slow one is still in its attempts (4 × 2 s plus 3.5 s of backoff)
        JsonNode slowMeanwhile = json(get("/api/v1/campaigns/" + slow + "/audience")).get("deliveries");
        assertThat(slowMeanwhile.get("failed").asLong()).isZero();
        assertThat(slowMeanwhile.get("sent").asLong()).isZero();

        long slowTreated = json(get("/api/v1/campaigns/" + slow + "/audience")).get("treatment").asLong();
        awaitDeliveries(slow, d -> d.get("failed").asLong() == slowTreated);
        assertThat(hangingCampaignRequests).hasValue(4);
        List<String> rows = lines(get("/api/v1/campaigns/" + slow + "/deliveries", "text/csv").body());
        assertThat(rows.subList(1, rows.size())).hasSize((int) slowTreated)
                .allSatisfy(row -> assertThat(row).contains(",FAILED,4,timed out: no answer from http://127.0.0.1:"));

        // dispatching again while the receiver still hangs answers at once; the attempts go on in the background
        long started = System.nanoTime();
        HttpResponse<String> dispatch = action(slow, "dispatch", "");
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);

        assertThat(dispatch.statusCode()).as(dispatch.body()).isEqualTo(202);
        assertThat(answeredIn).as("one attempt may take up to 3 s; the call must not wait for it").isLessThan(Duration.ofSeconds(3));
        assertThat(json(dispatch).get("queued").asLong()).isEqualTo(slowTreated);
        assertThat(fifthRequestOfTheHangingCampaignArrived.await(20, TimeUnit.SECONDS)).as("the queued dispatch reached the receiver").isTrue();
        assertThat(releaseHangingReceiver.getCount()).as("the receiver was still hanging throughout").isEqualTo(1);

        releaseHangingReceiver.countDown();
        awaitDeliveries(slow, d -> d.get("sent").asLong() == slowTreated);
    }
}
