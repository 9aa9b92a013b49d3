package io.strata.bootstrap.segmentation;

import io.strata.application.segmentation.port.in.RunSegmentation;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.wiring.InterruptedWorkAtStart;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run answers before its follow-ups (issue 18); a stop between the two leaves the latest run not followed up, and
 * the start's sweep queues its follow-ups again, so the pages do not say "not measured yet" until the next run.
 */
class FollowUpsAfterRestartTest extends EndToEndTest {

    @Autowired
    InterruptedWorkAtStart atStart;

    @Autowired
    RunSegmentation runs;

    @Test
    void theStartFollowsUpTheLatestCompletedRunWhoseFollowUpsAStopInterrupted() throws Exception {
        emptyDatabase();
        post("/api/v1/imports/orders", "text/csv", "order_id,customer_id,ordered_at,amount\nr1,e1,2024-06-01,10\nr2,e2,2024-06-01,10\n");
        String created = post("/api/v1/segmentations", "application/json", "{\"name\":\"Frequency\",\"template\":\"frequency-tiers\"}").body();
        post("/api/v1/segmentations/" + created.replaceAll("(?s).*?\"id\":(\\d+).*", "$1") + "/activate", "application/json", "");
        runAndAwaitFollowUps("{\"asOf\":\"2024-06-30\"}");
        long run = SegmentationApiTest.number(runAndAwaitFollowUps("{\"asOf\":\"2024-07-01\"}").body(), "runId");
        // as a stop right after the answer leaves it: no migration stored, not followed up
        jdbc.sql("delete from run_migrations where to_run_id = ?").param(run).update();
        jdbc.sql("update segmentation_runs set followed_up_at = null where run_id = ?").param(run).update();
        assertThat(runs.followedUp(run)).isFalse();
        assertThat(runs.storedMigration(run)).isEmpty();

        atStart.run(null);
        awaitRunFollowUps();

        assertThat(runs.followedUp(run)).isTrue();
        assertThat(runs.storedMigration(run)).isPresent();
    }
}
