package io.strata.bootstrap.campaign;

import io.strata.bootstrap.RefusedInserts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A launch freezes the audience, stores the new state, enqueues the deliveries and records its audit entry as one unit
 * of work: all of it or none of it. The hand-made base with no control group: at_risk has 20 members, w01 refused
 * email and w20 was never asked, so 18 are treated and get a delivery.
 */
class LaunchUnitOfWorkTest extends CampaignTestSupport {

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
    }

    @ParameterizedTest(name = "the database refuses an insert into {0}")
    @ValueSource(strings = {"campaign_deliveries", "audit_events"})
    void aLaunchThatFailsPartWayLeavesTheCampaignScheduledWithoutAudienceAndLaunchableAgain(String table) throws Exception {
        long id = createCampaign(winBack("0"));
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        String condition = table.equals("campaign_deliveries") ? "new.campaign_id = " + id
                : "new.subject_type = 'campaign' and new.subject_id = '" + id + "' and new.action = 'LAUNCHED'";

        HttpResponse<String> failed;
        try (RefusedInserts refused = RefusedInserts.into(jdbc, table, condition)) {
            failed = action(id, "launch", "");
        }

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(json(get("/api/v1/campaigns/" + id)).get("state").asString()).isEqualTo("SCHEDULED");
        assertThat(get("/api/v1/campaigns/" + id + "/audience").statusCode()).as("no audience without a launch").isEqualTo(409);
        assertThat(rows("campaign_audience", id)).isZero();
        assertThat(rows("campaign_deliveries", id)).isZero();
        assertThat(launchEntries(id)).isZero();

        HttpResponse<String> again = action(id, "launch", "");

        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        JsonNode audience = json(get("/api/v1/campaigns/" + id + "/audience"));
        assertThat(audience.get("members").asLong()).isEqualTo(20);
        assertThat(audience.get("treatment").asLong()).isEqualTo(18);
        assertThat(rows("campaign_deliveries", id)).isEqualTo(18);
        assertThat(launchEntries(id)).isEqualTo(1);
    }

    @Test
    void ofThreeLaunchesAtOnceOneLaunchesAndTwoAreRefusedAsConflicts() throws Exception {
        long id = createCampaign(winBack("0"));
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        ExecutorService callers = Executors.newFixedThreadPool(3);
        List<Future<HttpResponse<String>>> launches = new ArrayList<>();
        try (Connection holder = dataSource.getConnection()) {
            // the three launches must meet in the database: this transaction holds the campaign's row until all three wait for it
            holder.setAutoCommit(false);
            try (PreparedStatement hold = holder.prepareStatement("select 1 from campaigns where campaign_id = ? for update")) {
                hold.setLong(1, id);
                hold.execute();
            }
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 3; i++) {
                launches.add(callers.submit(() -> {
                    start.await();
                    return action(id, "launch", "");
                }));
            }
            start.countDown();
            awaitSessionsWaitingForLocks(3);
            holder.commit();
            holder.setAutoCommit(true);
        }
        List<HttpResponse<String>> answers = new ArrayList<>();
        for (Future<HttpResponse<String>> launch : launches) {
            answers.add(launch.get());
        }
        callers.shutdown();

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409, 409);
        for (HttpResponse<String> refused : answers.stream().filter(a -> a.statusCode() == 409).toList()) {
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(json(refused).get("currentState").asString()).isEqualTo("RUNNING");
            assertThat(json(refused).get("attempted").asString()).isEqualTo("launch");
        }
        assertThat(rows("campaign_audience", id)).isEqualTo(18);
        assertThat(rows("campaign_deliveries", id)).isEqualTo(18);
        assertThat(launchEntries(id)).isEqualTo(1);
    }

    private long rows(String table, long campaignId) {
        return jdbc.sql("select count(*) from " + table + " where campaign_id = ?").param(campaignId).query(Long.class).single();
    }

    private long launchEntries(long campaignId) throws Exception {
        return json(get("/api/v1/audit?subjectType=campaign&action=LAUNCHED&subjectId=" + campaignId)).get("total").asLong();
    }
}
