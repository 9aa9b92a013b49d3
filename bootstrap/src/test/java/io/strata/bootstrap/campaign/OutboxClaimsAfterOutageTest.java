package io.strata.bootstrap.campaign;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.delivery.ConfiguredDestination;
import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.application.campaign.DeliveryRelay;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.bootstrap.CuttableLink;
import io.strata.bootstrap.LogLines;
import io.strata.bootstrap.StrataApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node that claimed a batch and lost the database before it could mark it (docs/campaigns.md, "Several nodes on one
 * database: claims"). Before session 55 the batch's rows stayed claimed by the node until their lease ran out: the next
 * dispatch after the database came back sent every other row and skipped these, and once the lease had run out a batch
 * the receiver had taken was sent to it again. Now the node keeps the outcome it could not mark and marks it first at
 * the campaign's next pass.
 *
 * <p>A second node, whose connections pass through a link the test cuts, relays to a receiver of the test's in batches
 * of 3, 2 attempts each, with a read timeout of a minute: its claims' lease is 2 × (2 s + 60 s) + 0.5 s + 30 s = 154.5 s,
 * so "well before the lease" is unmistakable (the test waits 20 s at most). The receiver cuts the link while it answers
 * the batch it is told to, so the node meets the database gone exactly between its claim and its mark. The campaign is
 * launched by the suite's node, which has no destination, so only the second node sends.
 */
class OutboxClaimsAfterOutageTest extends CampaignTestSupport {

    private static final String RELAY = "The relay of campaign deliveries to their webhooks";
    private static final Duration LEASE = Duration.ofMillis(2 * 62_000 + 500 + 30_000);

    @Autowired
    ConfiguredDestination webhook;

    @Autowired
    HikariDataSource dataSource;

    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private CuttableLink link;
    /** Each request: the webhook-id and the delivery ids it carried, in arrival order. */
    private final List<Map.Entry<String, List<Long>>> requests = new CopyOnWriteArrayList<>();
    private final Map<Long, Integer> acceptedTimes = new ConcurrentHashMap<>();
    /** Requests answered 503 before the receiver takes any; the last of them, or the first taken if none, cuts the link. */
    private final AtomicInteger refusalsLeft = new AtomicInteger();
    private volatile boolean cutDone;
    private volatile long cutAt;

    @BeforeEach
    void receiverAndBase() throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
        receiverThreads = Executors.newCachedThreadPool();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            List<Long> ids = new java.util.ArrayList<>();
            JSON.readTree(exchange.getRequestBody().readAllBytes()).get("deliveries").forEach(d -> ids.add(d.get("deliveryId").asLong()));
            requests.add(Map.entry(exchange.getRequestHeaders().getFirst("webhook-id"), ids));
            int left = refusalsLeft.getAndDecrement();
            boolean refuse = left > 0;
            if (!cutDone && left <= 1) {
                // the answer of this request is the batch's last word: the node's mark of it meets the database gone
                cutDone = true;
                cutAt = System.nanoTime();
                try {
                    link.cut();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            if (!refuse) {
                ids.forEach(id -> acceptedTimes.merge(id, 1, Integer::sum));
            }
            exchange.sendResponseHeaders(refuse ? 503 : 200, -1);
            exchange.close();
        });
        receiver.start();
        webhook.useTarget(null);
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stopReceiver() throws IOException {
        receiver.stop(0);
        receiverThreads.shutdownNow();
        link.close();
    }

    /** The receiver took the first batch; its mark failed. The next dispatch marks it SENT and does not send it again. */
    @Test
    @Timeout(240)
    void aBatchTheReceiverTookIsMarkedSentAtTheNextDispatchWellBeforeItsLeaseAndNotSentAgain() throws Exception {
        try (ConfigurableApplicationContext node = nodeThroughTheLink();
             LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG);
             LogLines relayLines = new LogLines(DeliveryRelay.class, Level.INFO)) {
            long id = launchedCampaign(winBack("20"), null);
            List<Long> deliveryIds = deliveryIds(id);
            assertThat(deliveryIds).hasSizeGreaterThan(6);
            List<Long> firstBatch = deliveryIds.subList(0, 3);

            node.getBean(RunCampaigns.class).dispatch(id);
            assertThat(reach.await(Level.WARN, line -> line.startsWith(RELAY + " cannot reach"), 1, 60))
                    .as("the node's mark of the first batch met the database gone").isTrue();
            assertThat(requests).hasSize(1);
            assertThat(acceptedTimes.keySet()).containsExactlyInAnyOrderElementsOf(firstBatch);
            // as the claim left them: unsent, claimed by the node for most of its lease still (read around the link)
            assertThat(claimedForAtLeast(id, Duration.ofSeconds(100))).isEqualTo(firstBatch);
            assertThat(sentIds(id)).isEmpty();

            outageOfAtLeastHikarisBypassWindow();
            link.restore();
            long restoredAt = System.nanoTime();
            node.getBean(RunCampaigns.class).dispatch(id);

            awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size());
            assertThat(Duration.ofNanos(System.nanoTime() - restoredAt)).isLessThan(LEASE.dividedBy(4));
            assertThat(acceptedTimes.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(deliveryIds);
            assertThat(acceptedTimes.values()).as("each delivery once, the first batch too").containsOnly(1);
            assertThat(requests).hasSize((deliveryIds.size() + 2) / 3);
            assertThat(jdbc.sql("select count(*) from campaign_deliveries where campaign_id = ? and (attempts <> 1 or claimed_by is not null)")
                    .param(id).query(Long.class).single()).as("one attempt each, no claim left").isZero();
            assertThat(relayLines.lines(Level.INFO, line -> line.contains("marked"))).containsExactly("campaign " + id
                    + " \"Win back at risk\": 3 deliveries marked SENT now, as they could not be when their batch ended (the outbox was out of"
                    + " reach)");
        }
    }

    /**
     * The receiver refused the first batch at both attempts; its FAILED mark failed. The next dispatch marks it FAILED,
     * which ends the claim, and sends it again at once, under the same webhook-id: the receiver can drop a repeat.
     */
    @Test
    @Timeout(240)
    void aBatchThatFailedIsMarkedAtTheNextDispatchAndSentAgainAtOnceUnderTheSameWebhookId() throws Exception {
        refusalsLeft.set(2);
        try (ConfigurableApplicationContext node = nodeThroughTheLink();
             LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG)) {
            long id = launchedCampaign(winBack("20"), null);
            List<Long> deliveryIds = deliveryIds(id);
            List<Long> firstBatch = deliveryIds.subList(0, 3);

            node.getBean(RunCampaigns.class).dispatch(id);
            assertThat(reach.await(Level.WARN, line -> line.startsWith(RELAY + " cannot reach"), 1, 60)).isTrue();
            assertThat(requests).extracting(Map.Entry::getValue).containsExactly(firstBatch, firstBatch);
            assertThat(claimedForAtLeast(id, Duration.ofSeconds(100))).isEqualTo(firstBatch);

            outageOfAtLeastHikarisBypassWindow();
            link.restore();
            long restoredAt = System.nanoTime();
            node.getBean(RunCampaigns.class).dispatch(id);

            awaitDeliveries(id, d -> d.get("sent").asLong() == deliveryIds.size());
            assertThat(Duration.ofNanos(System.nanoTime() - restoredAt)).isLessThan(LEASE.dividedBy(4));
            assertThat(acceptedTimes.keySet()).containsExactlyInAnyOrderElementsOf(deliveryIds);
            assertThat(acceptedTimes.values()).as("each delivery taken once").containsOnly(1);
            // the first batch: refused twice, then taken, every time under the same webhook-id
            List<Map.Entry<String, List<Long>>> ofTheFirstBatch = requests.stream().filter(r -> r.getValue().equals(firstBatch)).toList();
            assertThat(ofTheFirstBatch).hasSize(3);
            assertThat(ofTheFirstBatch).extracting(Map.Entry::getKey).containsOnly(ofTheFirstBatch.get(0).getKey());
            assertThat(jdbc.sql("select attempts from campaign_deliveries where delivery_id = any(?) order by delivery_id")
                    .param(firstBatch.toArray(Long[]::new)).query(Integer.class).list()).containsExactly(3, 3, 3);
        }
    }

    /**
     * The outage lasts at least 0.6 s: HikariCP hands out a connection used within the last 500 ms without looking at
     * it (its alive-bypass window), so one returned to the pool just before the cut, and asked for again within that
     * window, met the closed socket at the dispatch after the restore. A real outage outlasts half a second; the test
     * failed this way when its steps between the cut and the restore took less (session 56: alone, on a quiet machine).
     */
    private void outageOfAtLeastHikarisBypassWindow() throws InterruptedException {
        long left = Duration.ofMillis(600).toNanos() - (System.nanoTime() - cutAt);
        if (left > 0) {
            Thread.sleep(Duration.ofNanos(left).toMillis() + 1);
        }
    }

    /** The second node, its connections through the link; its look at the clock is the test's to call, as the suite's is. */
    private ConfigurableApplicationContext nodeThroughTheLink() throws IOException {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).isTrue();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        return new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.data-dir=" + Files.createTempDirectory("strata-claims-after-outage"),
                "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + address.group(3),
                "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4",
                "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                "--strata.dispatch.webhook-url=" + hook, "--strata.dispatch.webhook-secret=" + WEBHOOK_SECRET,
                "--strata.dispatch.webhook-batch-size=3", "--strata.dispatch.webhook-max-attempts=2",
                "--strata.dispatch.webhook-read-timeout=PT60S", "--strata.schedules.enabled=false",
                "--strata.predictions.warm-up=false");
    }

    private List<Long> deliveryIds(long campaignId) {
        return jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? order by delivery_id").param(campaignId)
                .query(Long.class).list();
    }

    /** The campaign's unsent rows some node claims for at least this long still, by the database's clock. */
    private List<Long> claimedForAtLeast(long campaignId, Duration left) {
        return jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? and status <> 'SENT' and claimed_by is not null"
                        + " and claimed_until > clock_timestamp() + make_interval(secs => ?) order by delivery_id")
                .params(campaignId, (double) left.toSeconds()).query(Long.class).list();
    }

    private List<Long> sentIds(long campaignId) {
        return jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? and status = 'SENT'").param(campaignId)
                .query(Long.class).list();
    }
}
