package io.strata.bootstrap.campaign;

import ch.qos.logback.classic.Level;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.delivery.ConfiguredDestination;
import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.application.campaign.DeliveryRelay;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.CuttableLink;
import io.strata.bootstrap.LogLines;
import io.strata.bootstrap.StrataApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay of a launched campaign's deliveries while the database is out of reach (docs/architecture.md, "When the
 * database goes away"): it says so once, in one WARN line without a trace, and once that it reaches the database again;
 * the deliveries wait in the outbox and are all relayed, each once, after the database is back. Before, every relay pass
 * that met the database away logged an ERROR with Spring's stack trace ("dispatching campaign 2 stopped: Failed to
 * obtain JDBC Connection"), and Hikari a WARN for each pooled connection the database had closed.
 *
 * <p>A second node, whose connections pass through a link the test cuts, relays to a receiver of the test's; the
 * campaign is launched by the suite's node (which has no destination, so its own relay sends nothing) while the link is
 * cut, so its deliveries wait in the outbox for the second node.
 */
@ExtendWith(OutputCaptureExtension.class)
class RelayDuringOutageTest extends CampaignTestSupport {

    private static final String RELAY = "The relay of campaign deliveries to their webhooks";
    private static final String POOL = "Strata's pool of database connections";

    @Autowired
    ConfiguredDestination webhook;

    @Autowired
    HikariDataSource dataSource;

    private HttpServer receiver;
    private ExecutorService receiverThreads;
    private final Map<Long, Integer> receivedTimes = new ConcurrentHashMap<>();

    @BeforeEach
    void receiverAndBase() throws Exception {
        receiverThreads = Executors.newCachedThreadPool();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.setExecutor(receiverThreads);
        receiver.createContext("/hook", exchange -> {
            JSON.readTree(exchange.getRequestBody().readAllBytes()).get("deliveries")
                    .forEach(d -> receivedTimes.merge(d.get("deliveryId").asLong(), 1, Integer::sum));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        webhook.useTarget(null);
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @AfterEach
    void stopReceiver() {
        receiver.stop(0);
        receiverThreads.shutdownNow();
    }

    @Test
    @Timeout(240)
    void theRelaySaysOnceThatItCannotReachTheDatabaseAndRelaysEveryDeliveryOnceItIsBack(CapturedOutput output) throws Exception {
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/(.*)").matcher(dataSource.getJdbcUrl());
        assertThat(address.matches()).as(dataSource.getJdbcUrl()).isTrue();
        String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
        // the node's look at the clock is the test's to call (RunDueWork), as the suite's is; the lines are taken once the
        // node has started (a start can reset Logback: DatabaseOutageLogTest)
        try (CuttableLink link = new CuttableLink(address.group(1), Integer.parseInt(address.group(2)));
             ConfigurableApplicationContext node = new SpringApplicationBuilder(StrataApplication.class).run(
                     "--server.port=0", "--strata.data-dir=" + Files.createTempDirectory("strata-relay-during-outage"),
                     "--strata.db.url=jdbc:postgresql://127.0.0.1:" + link.port() + "/" + address.group(3),
                     "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(), "--strata.db.pool-size=4",
                     "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD,
                     "--strata.dispatch.webhook-url=" + hook, "--strata.dispatch.webhook-secret=" + WEBHOOK_SECRET,
                     "--strata.dispatch.webhook-batch-size=3", "--strata.schedules.enabled=false",
                     "--strata.predictions.warm-up=false");
             LogLines reach = new LogLines(DatabaseReach.class, Level.DEBUG)) {
            int logBefore = output.getAll().length();

            link.cut();
            long id = launchedCampaign(winBack("20"), null);
            List<Long> deliveryIds = jdbc.sql("select delivery_id from campaign_deliveries where campaign_id = ? and status = 'PENDING'")
                    .param(id).query(Long.class).list();
            assertThat(deliveryIds).as("the launch's deliveries wait in the outbox").hasSizeGreaterThan(3);

            // two relay passes of the campaign on the node meet the database away, one after the other
            DeliveryRelay relay = node.getBean(DeliveryRelay.class);
            relay.relayLater(id);
            assertThat(reach.await(Level.WARN, startsWith(RELAY), 1, 30)).as("the first pass said that it cannot reach the database").isTrue();
            relay.relayLater(id);
            assertThat(reach.await(Level.DEBUG, startsWith(RELAY + " still cannot reach"), 1, 30)).as("the second pass met it too").isTrue();

            String refused = "Connection to 127.0.0.1:" + link.port() + " refused. Check that the hostname and port are correct and that "
                    + "the postmaster is accepting TCP/IP connections.";
            assertThat(reach.lines(Level.WARN, startsWith(RELAY))).singleElement().asString().matches(Pattern.quote(RELAY)
                    + " cannot reach the database: (" + Pattern.quote(refused) + "|An I/O error occurred while sending to the backend\\.) "
                    + "It tries again at the next look at the clock or dispatch, and the deliveries wait in the outbox meanwhile; the log "
                    + "says when it reaches the database again\\.");
            // the pool's connections the link broke: Strata's one line at most, not Hikari's for each of them (at most: in a JVM
            // with several applications the first one's filter says it for all, and an earlier test's burst may still be on)
            assertThat(reach.lines(Level.WARN, startsWith(POOL + " found connections"))).hasSizeLessThanOrEqualTo(1).allSatisfy(line ->
                    assertThat(line).isEqualTo(POOL + " found connections that the database had closed (\"This connection has been "
                            + "closed.\"): the database was stopped or restarted, ended their sessions, or the network between them broke. "
                            + "The pool drops them and opens new ones; if it cannot reach the database, the next line says so."));
            String duringTheOutage = output.getAll().substring(logBefore);
            assertThat(duringTheOutage).doesNotContain("dispatching campaign").doesNotContain("Failed to validate connection")
                    .doesNotContain("Caused by:").doesNotContainPattern("\\n\\s+at [\\w$.]+\\(");
            assertThat(duringTheOutage.lines().filter(line -> line.contains(" ERROR ")).toList()).isEmpty();

            link.restore();
            // the node's look at the clock relays the untried deliveries of every campaign
            node.getBean(RunDueWork.class).runDueWork();

            awaitDeliveries(id, deliveries -> deliveries.get("sent").asLong() == deliveryIds.size());
            assertThat(receivedTimes.keySet()).as("nothing lost").containsExactlyInAnyOrderElementsOf(deliveryIds);
            assertThat(receivedTimes.values()).as("each delivery once").containsOnly(1);
            assertThat(reach.await(Level.INFO, startsWith(RELAY + " reaches the database again"), 1, 20)).isTrue();
            assertThat(reach.lines(Level.INFO, startsWith(RELAY))).singleElement().asString()
                    .matches(Pattern.quote(RELAY) + " reaches the database again, after 2 failed attempts over \\d+ s\\.");
            assertThat(reach.lines(Level.WARN, startsWith(RELAY))).hasSize(1);
        }
    }

    private static Predicate<String> startsWith(String prefix) {
        return line -> line.startsWith(prefix);
    }
}
