package io.strata.bootstrap.campaign;

import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.delivery.ConfiguredDestination;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.bootstrap.StrataApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Relays claim outbox rows before sending them: two nodes on one database dispatching one campaign at once send
 * every delivery exactly once, also to a stored destination, and rows claimed by a node that died are sent by another once the claim's lease ran out.
 */
class OutboxClaimsTest extends CampaignTestSupport {

    /** A second node: the whole application again, on the test context's database, with batches of 3. */
    private static ConfigurableApplicationContext secondNode;

    @Autowired
    ConfiguredDestination webhook;

    @Autowired
    HikariDataSource dataSource;

    private HttpServer server;
    private ExecutorService receiverThreads;
    private String hook;
    private final Map<Long, Integer> receivedTimes = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch firstRequestArrived = new CountDownLatch(1);
    private final CountDownLatch secondRequestArrived = new CountDownLatch(1);
    private volatile boolean holdFirstRequestForTheSecond;

    @BeforeEach
    void receiver() throws Exception {
        receiverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(receiverThreads);
        server.createContext("/hook", exchange -> {
            JSON.readTree(exchange.getRequestBody().readAllBytes()).get("deliveries")
                    .forEach(d -> receivedTimes.merge(d.get("deliveryId").asLong(), 1, Integer::sum));
            int number = requests.incrementAndGet();
            if (number == 1) {
                firstRequestArrived.countDown();
                if (holdFirstRequestForTheSecond) {
                    try {
                        secondRequestArrived.await(8, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            } else if (number == 2) {
                secondRequestArrived.countDown();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        hook = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        webhook.useTarget(null);
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stop() {
        secondRequestArrived.countDown();
        webhook.useTarget(null);
        server.stop(0);
        receiverThreads.shutdownNow();
    }

    @AfterAll
    static void stopSecondNode() {
        if (secondNode != null) {
            secondNode.close();
            secondNode = null;
        }
    }

    @Test
    void twoNodesDispatchingOneCampaignAtOnceSendEveryDeliveryExactlyOnce() throws Exception {
        long id = launchedCampaign(winBack("20"), null);
        List<Long> deliveryIds = deliveryIds(id);
        assertThat(deliveryIds).hasSizeGreaterThan(3);
        holdFirstRequestForTheSecond = true;

        secondNode().getBean(RunCampaigns.class).dispatch(id);
        assertThat(firstRequestArrived.await(20, TimeUnit.SECONDS)).as("the second node's first batch reached the receiver").isTrue();
        webhook.useTarget(hook);
        assertThat(action(id, "dispatch", "").statusCode()).isEqualTo(202);

        awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size());
        assertThat(secondRequestArrived.getCount()).as("both nodes were sending at the same time").isZero();
        assertThat(receivedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
        assertThat(receivedTimes.values()).containsOnly(1);
    }

    @Test
    void rowsClaimedByANodeThatDiedAreSentByAnotherOnceTheLeaseRanOut() throws Exception {
        long id = launchedCampaign(winBack("20"), null);
        List<Long> deliveryIds = deliveryIds(id);
        List<Long> heldByTheDeadNode = deliveryIds.subList(0, 3);
        List<Long> lapsed = deliveryIds.subList(3, 5);
        claim(heldByTheDeadNode, "interval '1 hour'");
        claim(lapsed, "interval '-1 second'");
        webhook.useTarget(hook);

        assertThat(action(id, "dispatch", "").statusCode()).isEqualTo(202);
        awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size() - 3);
        assertThat(receivedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds.subList(3, deliveryIds.size()));

        claim(heldByTheDeadNode, "interval '-1 second'");
        assertThat(action(id, "dispatch", "").statusCode()).isEqualTo(202);
        awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size());
        assertThat(receivedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
        assertThat(receivedTimes.values()).containsOnly(1);
    }

    /** Rows written for a stored destination are claimed the same way: a node sends only what it claimed. */
    @Test
    void twoNodesDispatchingToAStoredDestinationSendEveryDeliveryExactlyOnce() throws Exception {
        server.createContext("/down", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        String down = hook.replace("/hook", "/down");
        assertThat(post("/api/v1/destinations", "application/json", """
                {"name": "crm-email", "url": "%s", "secret": "%s", "channels": ["email"]}""".formatted(down, WEBHOOK_SECRET)).statusCode())
                .isEqualTo(201);
        long id = launchedCampaign(winBack("20"), null);
        List<Long> deliveryIds = deliveryIds(id);
        assertThat(deliveryIds).hasSizeGreaterThan(3);
        // the launch's relay finds the destination down: everything FAILED, to be sent again by the next dispatch
        awaitDeliveries(id, d -> d.get("failed").asLong() == deliveryIds.size());
        assertThat(put("/api/v1/destinations/crm-email", """
                {"url": "%s", "channels": ["email"]}""".formatted(hook)).statusCode()).isEqualTo(200);
        holdFirstRequestForTheSecond = true;

        secondNode().getBean(RunCampaigns.class).dispatch(id);
        assertThat(firstRequestArrived.await(20, TimeUnit.SECONDS)).as("the second node's first batch reached the receiver").isTrue();
        assertThat(action(id, "dispatch", "").statusCode()).isEqualTo(202);

        awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size());
        assertThat(secondRequestArrived.getCount()).as("both nodes were sending at the same time").isZero();
        assertThat(receivedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
        assertThat(receivedTimes.values()).containsOnly(1);
        assertThat(jdbc.sql("select distinct destination_id from campaign_deliveries where campaign_id = ?").param(id).query(Long.class).list())
                .containsExactly(jdbc.sql("select destination_id from delivery_destinations where name = 'crm-email'").query(Long.class).single());
    }

    private void claim(List<Long> ids, String leaseFromNow) {
        jdbc.sql("update campaign_deliveries set claimed_by = 'a-node-that-died', claimed_until = clock_timestamp() + " + leaseFromNow
                + " where delivery_id = any(?)").param(ids.toArray(Long[]::new)).update();
    }

    private List<Long> deliveryIds(long campaignId) {
        return jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? order by delivery_id").param(campaignId)
                .query(Long.class).list();
    }

    private ConfigurableApplicationContext secondNode() throws Exception {
        if (secondNode == null) {
            secondNode = new SpringApplicationBuilder(StrataApplication.class).run(
                    "--server.port=0",
                    "--strata.data-dir=" + Files.createTempDirectory("strata-second-node"),
                    "--strata.db.url=" + dataSource.getJdbcUrl(),
                    "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(),
                    "--strata.db.pool-size=4",
                    "--strata.api-token=" + TOKEN,
                    "--strata.admin-password=" + ADMIN_PASSWORD,
                    "--strata.dispatch.webhook-url=" + hook,
                    "--strata.dispatch.webhook-secret=" + WEBHOOK_SECRET,
                    "--strata.dispatch.webhook-batch-size=3",
                    "--strata.dispatch.webhook-read-timeout=PT10S");
        }
        // each test has its own receiver: the node made by an earlier test must post to this one's
        secondNode.getBean(ConfiguredDestination.class).useTarget(hook);
        return secondNode;
    }
}
