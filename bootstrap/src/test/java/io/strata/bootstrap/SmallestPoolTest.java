package io.strata.bootstrap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.DatabaseSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node on the smallest pool Strata starts with ({@link DatabaseSettings#POOL_SIZE}'s least, 4) does everything: imports
 * of customers, of orders (several lines per order, into an empty base, then one line per order, onto stored orders),
 * of events, a run with its predictions, and a console page, each answered as on the default pool and without waiting
 * for a connection. Until session 60 the least was 2: every orders import waited the pool's timeout for its stage's
 * connection and was answered 503 ("could not open the stage of the import's orders"), and a run waited three timeouts
 * (90 s for 200 customers) and lost its predictions. The node waits 20 s for a connection, so any such wait shows in
 * the times asserted below.
 */
class SmallestPoolTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration NODE_CONNECTION_TIMEOUT = Duration.ofSeconds(20);

    @Autowired
    HikariDataSource dataSource;

    @Test
    @Timeout(600)
    void everyFunctionWorksOnTheSmallestPoolAllowed() throws Exception {
        emptyDatabase();
        int least = DatabaseSettings.POOL_SIZE.least().intValueExact();
        // OtherNode starts its nodes on that least
        try (OtherNode node = OtherNode.start(dataSource,
                "strata.db.connection-timeout=" + NODE_CONNECTION_TIMEOUT.toSeconds() + "s", "strata.predictions.warm-up=false")) {
            String base = "http://localhost:" + node.port();
            assertThat(node.bean(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(least);

            JsonNode customers = imported(base, "customers", """
                    customer_id,email,city
                    sp1,sp1@example.org,Lyon
                    sp2,sp2@example.org,Lyon
                    sp3,sp3@example.org,Nantes
                    """);
            assertThat(customers.get("created").asLong()).isEqualTo(3);

            // the first orders go straight into order_lines (orders is empty): several lines per order
            JsonNode severalLines = imported(base, "orders", """
                    order_id,customer_id,ordered_at,amount,quantity,category
                    o1,sp1,2026-10-01T10:00:00Z,10.50,1,shoes
                    o1,sp1,2026-10-01T10:00:00Z,4.50,2,socks
                    o1,sp1,2026-10-01T10:00:00Z,20,1,bags
                    o2,sp2,2026-10-03T09:00:00Z,7,1,shoes
                    o2,sp2,2026-10-03T09:00:00Z,3,1,socks
                    """);
            assertThat(severalLines.get("rowsImported").asLong()).isEqualTo(5);
            // then onto stored orders (the lines wait in the staged table): one line per order
            JsonNode oneLine = imported(base, "orders", """
                    order_id,customer_id,ordered_at,amount
                    o3,sp3,2026-10-05T12:00:00Z,99
                    o4,sp1,2026-11-02T12:00:00Z,12
                    """);
            assertThat(oneLine.get("rowsImported").asLong()).isEqualTo(2);
            assertThat(jdbc.sql("select count(*) from orders").query(Long.class).single()).isEqualTo(4);
            assertThat(jdbc.sql("select count(*) from order_lines").query(Long.class).single()).isEqualTo(7);
            assertThat(jdbc.sql("select sum(amount) from order_lines").query(java.math.BigDecimal.class).single())
                    .isEqualByComparingTo("156");

            JsonNode events = imported(base, "events", """
                    customer_id,event_type,occurred_at,event_id
                    sp1,page_view,2026-11-01T10:00:00Z,e1
                    sp2,page_view,2026-11-02T10:00:00Z,e2
                    """);
            assertThat(events.get("created").asLong()).isEqualTo(2);

            HttpResponse<String> created = send(base, "POST", "/api/v1/segmentations", "application/json",
                    "{\"name\":\"RFM\",\"template\":\"rfm-classic\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            long segmentation = JSON.readTree(created.body()).get("id").asLong();
            HttpResponse<String> activated = send(base, "POST", "/api/v1/segmentations/" + segmentation + "/activate", "application/json", "");
            assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);

            long started = System.nanoTime();
            HttpResponse<String> run = send(base, "POST", "/api/v1/segmentation-runs?wait=true", "application/json", "{\"asOf\":\"2026-12-01\"}");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
            JsonNode done = JSON.readTree(run.body());
            assertThat(done.get("status").asString()).as(run.body()).isEqualTo("COMPLETED");
            assertThat(done.get("customers").asLong()).isEqualTo(3);
            assertThat(took).as("the run waited for no connection").isLessThan(NODE_CONNECTION_TIMEOUT);
            long runId = done.get("runId").asLong();
            HttpResponse<String> predictions = send(base, "GET", "/api/v1/segmentation-runs/" + runId + "/predictions", null, null);
            assertThat(predictions.statusCode()).as(predictions.body()).isEqualTo(200);
            // three customers are too few to fit the models: NOT_FITTED for that, not for a connection the preparation did not get
            assertThat(predictions.body()).doesNotContain("problem on Strata's side");
            awaitRunFollowUps();

            HttpClient browser = loggedInAsAdmin(base);
            long pageStarted = System.nanoTime();
            HttpResponse<String> dashboard = browser.send(HttpRequest.newBuilder(URI.create(base + "/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(dashboard.body()).contains("<title>Dashboard");
            assertThat(Duration.ofNanos(System.nanoTime() - pageStarted)).isLessThan(NODE_CONNECTION_TIMEOUT);
        }
    }

    /** An import on the node, timed: 200 COMPLETED, without waiting for a connection. */
    private JsonNode imported(String base, String entity, String csv) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> answer = send(base, "POST", "/api/v1/imports/" + entity, "text/csv", csv);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer.statusCode()).as("%s import: %s", entity, answer.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.get("status").asString()).as(answer.body()).isEqualTo("COMPLETED");
        assertThat(took).as("the %s import waited for no connection", entity).isLessThan(NODE_CONNECTION_TIMEOUT);
        return body;
    }

    private HttpResponse<String> send(String base, String method, String path, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
