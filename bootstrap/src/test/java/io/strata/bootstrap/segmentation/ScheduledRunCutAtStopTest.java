package io.strata.bootstrap.segmentation;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.OtherNode;
import io.strata.bootstrap.SteerableRuns;
import io.strata.bootstrap.TestHooks;
import io.strata.bootstrap.wiring.InterruptedWorkAtStart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduled run that a stop cuts (a deploy's SIGTERM beyond the stop's wait; a crash leaves the same) is started again
 * by its schedule, once, after the restart, and the cut run's record says so. Before session 58 the schedule had moved
 * on when it started the run: the probe with the jar (a daily run held past a 1 s wait, SIGTERM, restart) showed the
 * run FAILED "… Start the run again." and the schedule's next run the next day: the day's run was lost unless someone
 * read the record and started it by hand.
 *
 * <p>A node of its own starts the schedule's run and is stopped while the run is held ({@link SteerableRuns}) with a
 * stop that waits 1 s; the suite's node then does what a restart does ({@link InterruptedWorkAtStart}) and looks at the
 * clock ({@link RunDueWork}), as db-scheduler's beat does.
 */
class ScheduledRunCutAtStopTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    private HikariDataSource dataSource;

    @Autowired
    private InterruptedWorkAtStart restart;

    @Autowired
    private RunDueWork suiteLook;

    @Autowired
    private SteerableRuns suiteRuns;

    private OtherNode node;
    private SteerableRuns heldRuns;
    private long segmentation;
    private Instant planned;

    @BeforeEach
    void aDailyScheduleOwingTodaysRun() throws Exception {
        segmentation = twoBuyersAndAnActiveSegmentation();
        // today's moment ten minutes ago (to the minute), handled until a day before it: that moment is owed
        planned = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.MINUTES);
        String dailyAt = LocalTime.ofInstant(planned, ZoneOffset.UTC).toString();
        HttpResponse<String> set = send(HttpRequest.newBuilder(uri("/api/v1/segmentations/" + segmentation + "/schedule"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"dailyAt\":\"" + dailyAt + "\",\"timeZone\":\"UTC\"}")).build());
        assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
        jdbc.sql("update segmentation_schedules set handled_until = ? where segmentation_id = ?")
                .params(java.sql.Timestamp.from(planned.minus(Duration.ofDays(1)).plusSeconds(30)), segmentation).update();
        node = OtherNode.startWith(List.of(TestHooks.class), dataSource, "strata.schedules.enabled=false",
                "strata.predictions.warm-up=false", "spring.lifecycle.timeout-per-shutdown-phase=1s");
        heldRuns = node.bean(SteerableRuns.class);
    }

    @AfterEach
    void closeNode() {
        heldRuns.letGo();
        node.close();
        awaitRunFollowUps();
    }

    @Test
    void aScheduledRunCutByAStopIsStartedAgainOnceAfterTheRestartAndItsRecordSaysSo() throws Exception {
        heldRuns.hold();
        DueWorkReport look = node.bean(RunDueWork.class).runDueWork();
        assertThat(look.runsStarted()).as("the node's look: %s", look).hasSize(1);
        long cut = look.runsStarted().get(0);
        heldRuns.awaitHeld();

        // the stop waits 1 s for the run, then closes the pool under it: the run is cut, its claim gone with the pool
        node.close();
        heldRuns.letGo();
        assertThat(status(cut)).isEqualTo("RUNNING");
        awaitClaimGone(cut);

        // the restart's sweep records the cut run (another fork's start on the suite's database may have done it first:
        // the record below is the oracle either way)
        assertThat(restart.sweep()).as("the restart records the cut run").hasSizeLessThanOrEqualTo(1);
        JsonNode record = JSON.readTree(get("/api/v1/segmentation-runs/" + cut).body());
        assertThat(record.get("status").asString()).isEqualTo("FAILED");
        assertThat(record.get("error").asString()).isEqualTo("Interrupted by a restart: the application stopped while this run was"
                + " computing, so it has no results and the previous results stay current. Its schedule started it (the DAILY run planned"
                + " at " + planned + "), so that run is owed again: Strata starts it again by itself at its next look at the clock, once."
                + " There is nothing to do.");
        assertThat(jdbc.sql("select detail from audit_events where action = 'INTERRUPTED' and subject_type = 'segmentation_run' and subject_id = ?").param(Long.toString(cut))
                .query(String.class).single()).endsWith("; its schedule owes the run again");
        JsonNode owed = schedule().get("recentTriggers");
        assertThat(owed).hasSize(1);
        assertThat(owed.get(0).get("owedAgain").asBoolean()).isTrue();
        assertThat(calendarPage()).contains("cut by a stop or a crash; starts again at the next look at the clock");

        suiteRuns.expectCompletion();
        DueWorkReport again = suiteLook.runDueWork();
        assertThat(again.runsStarted()).hasSize(1);
        long second = again.runsStarted().get(0);
        assertThat(second).isNotEqualTo(cut);
        suiteRuns.awaitCompleted();
        await().atMost(Duration.ofMinutes(1)).until(() -> status(second).equals("COMPLETED"));

        JsonNode triggers = schedule().get("recentTriggers");
        assertThat(triggers).hasSize(2);
        assertThat(triggers.get(0).get("runId").asLong()).isEqualTo(second);
        assertThat(triggers.get(0).get("againAfterRun").asLong()).isEqualTo(cut);
        assertThat(Instant.parse(triggers.get(0).get("plannedAt").asString())).isEqualTo(planned);
        assertThat(triggers.get(1).get("runId").asLong()).isEqualTo(cut);
        assertThat(triggers.get(1).get("owedAgain").asBoolean()).isFalse();
        assertThat(Instant.parse(schedule().get("nextRun").get("plannedAt").asString())).as("the schedule goes on to tomorrow's moment")
                .isEqualTo(planned.plus(Duration.ofDays(1)));

        assertThat(calendarPage()).contains("started again: run " + cut + " was cut by a stop or a crash")
                .doesNotContain("starts again at the next look");

        assertThat(suiteLook.runDueWork().runsStarted()).as("once").isEmpty();
    }

    /**
     * Session 58 left: "a process killed between taking the owed-again mark and starting the scheduled run loses that
     * start". A second node takes up the cut run; its start waits at the run's record (a transaction of the test holds a
     * RUNNING run, uncommitted, so the one-running-run index makes the insert wait) and the node goes meanwhile (its
     * context closed with a stop's wait of 1 s: its pool, and the look's connections, go with it; the look's session,
     * still waiting, is ended as a dead process's is). Oracles: the cut run is still owed again, no run of it was
     * recorded, and the suite's look starts it again, once, naming the cut run. Before session 59 the mark was taken and
     * committed before the start: it was gone, and the schedule never started the run again.
     */
    @Test
    void aProcessKilledBetweenTakingTheMarkAndStartingTheRunLeavesTheRunOwedAgain() throws Exception {
        heldRuns.hold();
        DueWorkReport look = node.bean(RunDueWork.class).runDueWork();
        assertThat(look.runsStarted()).as("the node's look: %s", look).hasSize(1);
        long cut = look.runsStarted().get(0);
        heldRuns.awaitHeld();
        node.close();
        heldRuns.letGo();
        awaitClaimGone(cut);
        // the restart's sweep (another fork's start on the suite's database may have done it first)
        restart.sweep();
        assertThat(status(cut)).isEqualTo("FAILED");
        assertThat(schedule().get("recentTriggers").get(0).get("owedAgain").asBoolean()).as("owed again after the sweep").isTrue();
        long runsBefore = runsOf(segmentation);

        // the second node's sessions named, so that the test waits for and ends only its own
        HikariDataSource named = new HikariDataSource();
        named.setJdbcUrl(dataSource.getJdbcUrl() + (dataSource.getJdbcUrl().contains("?") ? "&" : "?") + "ApplicationName=" + SECOND_NODE);
        named.setUsername(dataSource.getUsername());
        named.setPassword(dataSource.getPassword());
        OtherNode second = OtherNode.startWith(List.of(TestHooks.class), named, "strata.schedules.enabled=false",
                "strata.predictions.warm-up=false", "spring.lifecycle.timeout-per-shutdown-phase=1s");
        try (java.sql.Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (var insert = holder.prepareStatement("insert into segmentation_runs (segmentation_id, as_of, status) values (?, current_date, 'RUNNING')")) {
                insert.setLong(1, segmentation);
                insert.executeUpdate();
            }
            java.util.concurrent.CompletableFuture<?> secondsLook = java.util.concurrent.CompletableFuture.runAsync(
                    () -> second.bean(RunDueWork.class).runDueWork());
            await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.sql("select count(*) from pg_stat_activity where application_name = ?"
                    + " and wait_event_type = 'Lock' and query like 'insert into segmentation_runs%'").param(SECOND_NODE).query(Long.class).single() == 1);

            second.close();
            // a process that dies leaves its sessions to the server, which ends them; its session still waiting is ended so
            jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where application_name = ?").param(SECOND_NODE)
                    .query(Long.class).single();
            holder.rollback();
            try {
                secondsLook.get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException failedWithItsNode) {
                // its pool closed under it
            }
        } finally {
            second.close();
        }

        assertThat(runsOf(segmentation)).as("no run recorded by the second node").isEqualTo(runsBefore);
        JsonNode triggers = schedule().get("recentTriggers");
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).get("owedAgain").asBoolean()).as("the cut run is still owed again").isTrue();

        suiteRuns.expectCompletion();
        DueWorkReport again = suiteLook.runDueWork();
        assertThat(again.runsStarted()).as("started again by the next look").hasSize(1);
        long second2 = again.runsStarted().get(0);
        suiteRuns.awaitCompleted();
        await().atMost(Duration.ofMinutes(1)).until(() -> status(second2).equals("COMPLETED"));
        JsonNode after = schedule().get("recentTriggers");
        assertThat(after.get(0).get("againAfterRun").asLong()).isEqualTo(cut);
        assertThat(after.get(1).get("owedAgain").asBoolean()).isFalse();
        assertThat(suiteLook.runDueWork().runsStarted()).as("once").isEmpty();
    }

    private static final String SECOND_NODE = "strata-second-node";

    private long runsOf(long segmentationId) {
        return jdbc.sql("select count(*) from segmentation_runs where segmentation_id = ?").param(segmentationId).query(Long.class).single();
    }

    /** The console's calendar, as an admin sees it: its recent triggers say which run was cut and which started again. */
    private String calendarPage() throws Exception {
        java.net.http.HttpClient console = loggedInAsAdmin("http://localhost:" + port);
        HttpResponse<String> page = console.send(HttpRequest.newBuilder(uri("/calendar")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        return page.body();
    }

    private JsonNode schedule() throws Exception {
        return JSON.readTree(get("/api/v1/segmentations/" + segmentation + "/schedule").body());
    }

    private String status(long runId) {
        return jdbc.sql("select status from segmentation_runs where run_id = ?").param(runId).query(String.class).single();
    }

    /**
     * Waits (at most a minute) until the closed node's session that held the run's claim is gone from the server. The
     * node's pool closes its connections, but the server lets go of a session's advisory locks only when its process
     * exits, a moment later; a sweep in that moment took the run for one a worker still had and left it RUNNING (the
     * random-order run of session 61: "expected FAILED but was RUNNING"). A restart comes after the process died, so
     * its sweep never meets that moment (docs/testing.md, "A claim the server had not let go of yet").
     */
    private void awaitClaimGone(long run) {
        await("run " + run + "'s claim let go by the closed node's session").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' and objsubid = 2 and classid = " + 0x5352554e
                        + " and objid = hashtext(?)::oid").param(Long.toString(run)).query(Long.class).single() == 0);
    }
}
