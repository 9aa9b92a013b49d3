package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A destination deleted while a campaign naming it is stored. The two take turns on the destinations' lock: a deletion
 * that comes while the campaign is being stored waits for it and then finds the destination in use (409); a campaign
 * that comes while the deletion is under way waits for it and then finds no destination of that name (400 at the
 * action's field). Before session 56 the campaign's check ran before its unit of work: the first case stored the
 * campaign with no destination (its email silently went to the channel's default) and deleted the destination, the
 * second answered 500 on the foreign key (probe: three campaigns created beside one deletion, the deletion 500).
 * The test holds a table each side writes, so that the other side comes while the first is under way.
 */
class DestinationDeletedWhilePlannedTest extends CampaignTestSupport {

    private static final String PLAN = """
            {"name": "Win back through the CRM", "targetSegment": "at_risk",
             "actions": [{"channel": "email", "content": "template:winback-1", "destination": "crm"}],
             "controlGroupPercent": 10, "attributionWindowDays": 30}""";

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        activeRfmClassic();
        HttpResponse<String> created = post("/api/v1/destinations", "application/json", """
                {"name": "crm", "url": "https://crm.example.com/hook", "secret": "whsec_Y3JtLWVtYWlsLXNpZ25pbmcta2V5LTAxMjM0NTY3ODk=",
                 "channels": []}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void aDeletionWhileACampaignNamingTheDestinationIsStoredWaitsAndFindsItInUse() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<HttpResponse<String>> planned;
        Future<HttpResponse<String>> deletion;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement hold = holder.createStatement()) {
                // the campaign's actions wait here; reading the table (the deletion's check) does not
                hold.execute("lock table campaign_actions in exclusive mode");
            }
            planned = callers.submit(() -> post("/api/v1/campaigns", "application/json", PLAN));
            awaitSessionsWaitingForLocks(1);
            deletion = callers.submit(this::deleteCrm);
            awaitWaitingOrDone(2, deletion);
            holder.rollback();
            holder.setAutoCommit(true);
        }
        HttpResponse<String> campaign = planned.get(60, TimeUnit.SECONDS);
        HttpResponse<String> deleted = deletion.get(60, TimeUnit.SECONDS);
        callers.shutdown();

        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        JsonNode stored = json(get("/api/v1/campaigns/" + json(campaign).get("id").asLong()));
        assertThat(stored.get("actions").get(0).get("destination").asString()).as("the destination the plan names").isEqualTo("crm");
        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(409);
        assertThat(deleted.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(get("/api/v1/destinations/crm").statusCode()).isEqualTo(200);
    }

    @Test
    void aCampaignNamingADestinationWhileItIsDeletedWaitsAndIsRefusedAtTheField() throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<HttpResponse<String>> deletion;
        Future<HttpResponse<String>> planned;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement hold = holder.createStatement()) {
                // the deletion waits here, after its check; reading the table (the campaign's check) does not
                hold.execute("lock table delivery_destinations in exclusive mode");
            }
            deletion = callers.submit(this::deleteCrm);
            awaitSessionsWaitingForLocks(1);
            planned = callers.submit(() -> post("/api/v1/campaigns", "application/json", PLAN));
            awaitWaitingOrDone(2, planned);
            holder.rollback();
            holder.setAutoCommit(true);
        }
        HttpResponse<String> deleted = deletion.get(60, TimeUnit.SECONDS);
        HttpResponse<String> campaign = planned.get(60, TimeUnit.SECONDS);
        callers.shutdown();

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(400);
        assertThat(json(campaign).get("field").asString()).isEqualTo("actions[0].destination");
        assertThat(json(campaign).get("detail").asString()).startsWith("actions[0].destination 'crm' is not a destination");
        assertThat(jdbc.sql("select count(*) from campaigns").query(Long.class).single()).as("campaigns stored").isZero();
        assertThat(get("/api/v1/destinations/crm").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> deleteCrm() throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/destinations/crm")).header("Authorization", "Bearer " + TOKEN).DELETE().build());
    }

    /** Until {@code count} sessions wait for a lock, or {@code answer} has come (the second side did not wait: the bug). */
    private void awaitWaitingOrDone(int count, Future<?> answer) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (Instant.now().isBefore(deadline) && !answer.isDone()
                && jdbc.sql("select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                .query(Long.class).single() < count) {
            Thread.sleep(20);
        }
    }
}
