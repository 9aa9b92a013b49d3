package io.strata.bootstrap.segmentation;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.segmentation.SegmentationRunService;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.OtherNode;
import io.strata.bootstrap.SteerableFollowUps;
import io.strata.bootstrap.SteerableRuns;
import io.strata.bootstrap.TestHooks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static io.strata.bootstrap.segmentation.SegmentationApiTest.number;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strata stopping (a SIGTERM closes the context) while a run is under way on its worker, or while the work after a run
 * is in a step: the run completes before the pool closes, the work after it stops at its next step, and the next start
 * does that work ({@code RunWorkAtStop}). Before, the pool closed under both: the run stayed RUNNING (recorded
 * interrupted at the next start) and the log held the driver's stack traces. Each test stops a node of its own on the
 * suite's database, holding the run or its follow-ups with that node's test hooks.
 */
class RunsAtStopTest extends EndToEndTest {

    @Autowired
    private HikariDataSource dataSource;

    @Autowired
    private SegmentationRunService suiteRuns;

    private OtherNode node;
    private SteerableRuns heldRuns;
    private SteerableFollowUps heldFollowUps;

    @BeforeEach
    void base() throws Exception {
        twoBuyersAndAnActiveSegmentation();
        node = OtherNode.startWith(List.of(TestHooks.class), dataSource,
                "strata.schedules.enabled=false", "strata.predictions.warm-up=false");
        heldRuns = node.bean(SteerableRuns.class);
        heldFollowUps = node.bean(SteerableFollowUps.class);
    }

    @AfterEach
    void closeNode() {
        heldRuns.letGo();
        heldFollowUps.letGo();
        node.close();
        // a run this test left without its follow-ups (a failure above) must not keep the next test's clean-up waiting
        suiteRuns.resumeFollowUps();
    }

    @Test
    void aRunUnderWayWhenStrataStopsCompletesBeforeTheDatabaseGoesAndTheNextStartDoesTheWorkAfterIt() throws Exception {
        SteerableRuns held = heldRuns;
        held.hold();
        HttpResponse<String> started = startRunOnNode();
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long runId = number(started.body(), "runId");
        held.awaitHeld();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(node::close);
        // the stop waits for the run (it would have closed the pool under it in well under a second)
        assertThatThrownBy(() -> stopping.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        assertThat(status(runId)).isEqualTo("RUNNING");
        held.letGo();
        stopping.get(1, TimeUnit.MINUTES);

        assertThat(status(runId)).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select customers from segmentation_runs where run_id = ?").param(runId).query(Long.class).single()).isEqualTo(2);
        assertThat(followedUp(runId)).as("the work after the run, left for the next start").isFalse();
        suiteRuns.resumeFollowUps();
        awaitRunFollowUps();
        assertThat(followedUp(runId)).isTrue();
    }

    @Test
    void theWorkAfterARunStopsAtItsNextStepWhenStrataStopsAndTheNextStartDoesItAgain() throws Exception {
        SteerableFollowUps held = heldFollowUps;
        held.hold();
        HttpResponse<String> answered = http.send(startRequest("?wait=true"), HttpResponse.BodyHandlers.ofString());
        assertThat(answered.statusCode()).as(answered.body()).isEqualTo(200);
        long runId = number(answered.body(), "runId");
        assertThat(status(runId)).isEqualTo("COMPLETED");
        held.awaitHeld();

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(node::close);
        // the step under way (held) finishes before the pool closes
        assertThatThrownBy(() -> stopping.get(1, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
        held.letGo();
        stopping.get(1, TimeUnit.MINUTES);

        assertThat(followedUp(runId)).as("a stopped follow-up is not marked done").isFalse();
        suiteRuns.resumeFollowUps();
        awaitRunFollowUps();
        assertThat(followedUp(runId)).isTrue();
    }

    private HttpResponse<String> startRunOnNode() throws Exception {
        return http.send(startRequest(""), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest startRequest(String query) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/v1/segmentation-runs" + query))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(1))
                .POST(HttpRequest.BodyPublishers.ofString("{\"asOf\":\"2024-06-30\"}")).build();
    }

    private String status(long runId) {
        return jdbc.sql("select status from segmentation_runs where run_id = ?").param(runId).query(String.class).single();
    }

    private boolean followedUp(long runId) {
        return jdbc.sql("select followed_up_at is not null from segmentation_runs where run_id = ?").param(runId).query(Boolean.class).single();
    }
}
