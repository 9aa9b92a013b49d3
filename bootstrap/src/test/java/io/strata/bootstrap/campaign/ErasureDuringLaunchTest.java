package io.strata.bootstrap.campaign;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import javax.sql.DataSource;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member of a campaign's target erased while the campaign launches: the two take turns, so the launch freezes an
 * audience without them instead of failing on the audience's foreign key. The hand-made base with no control group:
 * at_risk has 20 members, w01 refused email and w20 was never asked, so 18 would be treated; w02 is erased, so 17 are.
 */
class ErasureDuringLaunchTest extends CampaignTestSupport {

    /** A table the erasure empties after it has locked the customer's row: held by the test, it keeps the erasure half-way. */
    private static final String HELD_TABLE = "erasure_during_launch_probe";

    @Autowired
    DataSource dataSource;

    @BeforeEach
    void base() throws Exception {
        handMadeBase();
        activeRfmClassic();
        run("2024-06-30");
        jdbc.sql("create table " + HELD_TABLE + " (customer_key bigint)").update();
    }

    @AfterEach
    void dropTheHeldTable() {
        jdbc.sql("drop table if exists " + HELD_TABLE).update();
    }

    @Test
    void aLaunchWhileATargetMemberIsErasedLaunchesWithoutThemAndBothAnswer200() throws Exception {
        long id = createCampaign(winBack("0"));
        assertThat(action(id, "schedule", "").statusCode()).isEqualTo(200);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        Future<HttpResponse<String>> erasure;
        Future<HttpResponse<String>> launch;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement hold = holder.createStatement()) {
                hold.execute("lock table " + HELD_TABLE + " in access exclusive mode");
            }
            erasure = callers.submit(() -> send(HttpRequest.newBuilder(uri("/api/v1/customers/w02"))
                    .header("Authorization", "Bearer " + TOKEN).DELETE().build()));
            awaitSessionsWaitingForLocks(1);
            launch = callers.submit(() -> action(id, "launch", ""));
            awaitSessionsWaitingForLocks(2);
            holder.rollback();
            holder.setAutoCommit(true);
        }
        HttpResponse<String> erased = erasure.get(60, TimeUnit.SECONDS);
        HttpResponse<String> launched = launch.get(60, TimeUnit.SECONDS);
        callers.shutdown();

        assertThat(erased.statusCode()).as(erased.body()).isEqualTo(200);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(200);
        assertThat(json(launched).get("state").asString()).isEqualTo("RUNNING");
        assertThat(audienceMembers(id)).doesNotContainKey("w02").doesNotContainKey("w01").hasSize(17);
        assertThat(jdbc.sql("select count(*) from campaign_deliveries where campaign_id = ?").param(id).query(Long.class).single())
                .isEqualTo(17);
    }
}
