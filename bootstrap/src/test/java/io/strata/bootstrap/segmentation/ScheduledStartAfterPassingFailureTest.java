package io.strata.bootstrap.segmentation;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.application.incident.Incident;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.ScheduledWork;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.EndToEndTest;
import io.strata.bootstrap.LogLines;
import io.strata.bootstrap.OtherNode;
import io.strata.bootstrap.SteerableRuns;
import io.strata.bootstrap.wiring.InterruptedWorkAtStart;
import io.strata.domain.schedule.PlannedRun;
import io.strata.domain.schedule.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Session 60: a scheduled run's start that meets a failure of the database that passes is tried again at the next look
 * at the clock, up to {@link ScheduledWork#START_ATTEMPTS} looks, and only then recorded skipped; a run whose worker
 * refused it after its start is said to have started and been cut, not to have failed to start; beginning a run takes
 * one connection of the pool, not two.
 *
 * <p>The failures are made for real on the suite's PostgreSQL: a transaction of another client holds a RUNNING run,
 * uncommitted, so the look's start waits at its run's row (one RUNNING run at a time); that waiting session is ended
 * with {@code pg_terminate_backend}, as an administrator or a failover ends it (SQLSTATE 57P01, then the connection is
 * closed); then the other client's run is undone. Before session 60 such a start recorded the day's moment skipped
 * ("could not start because of a problem on Strata's side, and it is not started again"), and the run never happened
 * that day.
 */
class ScheduledStartAfterPassingFailureTest extends EndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What a user must never read: the database's, the driver's, Spring's or Java's words. */
    private static final List<String> FOREIGN = List.of("ERROR:", "FATAL", "SQL [", "SQLState", "SQL state", "57P01", "Exception",
            "org.springframework", "org.postgresql", "java.", "io.strata", "administrator command", "relation \"");

    @Autowired
    private HikariDataSource dataSource;

    @Autowired
    private RunDueWork suiteLook;

    @Autowired
    private SteerableRuns suiteRuns;

    @Autowired
    private InterruptedWorkAtStart restart;

    @Autowired
    private io.strata.application.segmentation.port.in.RunSegmentation suiteRunService;

    private long segmentation;
    private Instant planned;
    private Instant handledUntil;

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
        handledUntil = planned.minus(Duration.ofDays(1)).plusSeconds(30);
        jdbc.sql("update segmentation_schedules set handled_until = ? where segmentation_id = ?")
                .params(java.sql.Timestamp.from(handledUntil), segmentation).update();
    }

    @Test
    @Timeout(180)
    void aStartWhoseConnectionIsEndedLeavesTheMomentOwedAndTheNextLookStartsItOnce() throws Exception {
        long runsBefore = runsOf(segmentation);
        DueWorkReport first;
        try (LogLines lines = new LogLines(ScheduledWork.class, Level.INFO)) {
            first = lookWhoseStartLosesItsConnection();
            assertThat(lines.lines(Level.WARN, line -> line.contains("could not start"))).singleElement().asString()
                    .startsWith("the DAILY run of segmentation " + segmentation + " planned at " + planned + " could not start because"
                            + " Strata's database failed for a moment (attempt 1 of 5); nothing of the start was kept, and the next look at"
                            + " the clock tries again: ");
        }
        assertThat(first.runsStarted()).isEmpty();
        assertThat(first.runsSkipped()).as("not recorded skipped").isEmpty();
        assertThat(first.runsWaiting()).containsExactly(new PlannedRun(Trigger.DAILY, planned));
        assertThat(schedule().get("recentTriggers")).as("nothing recorded of the failed start").isEmpty();
        assertThat(handledUntil()).as("the claim undone with the start").isEqualTo(handledUntil);
        assertThat(runsOf(segmentation)).as("no run kept").isEqualTo(runsBefore);

        suiteRuns.expectCompletion();
        DueWorkReport next = suiteLook.runDueWork();
        assertThat(next.runsStarted()).as("the next look starts it").hasSize(1);
        long run = next.runsStarted().get(0);
        suiteRuns.awaitCompleted();
        await().atMost(Duration.ofMinutes(1)).until(() -> status(run).equals("COMPLETED"));
        JsonNode triggers = schedule().get("recentTriggers");
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).get("runId").asLong()).isEqualTo(run);
        assertThat(Instant.parse(triggers.get(0).get("plannedAt").asString())).isEqualTo(planned);

        DueWorkReport after = suiteLook.runDueWork();
        assertThat(after.runsStarted()).as("once").isEmpty();
        assertThat(after.runsWaiting()).isEmpty();
        assertThat(runsOf(segmentation)).as("one run for the moment").isEqualTo(runsBefore + 1);
        awaitRunFollowUps();
    }

    @Test
    @Timeout(300)
    void aPassingFailureThatStaysIsRecordedSkippedAfterFiveLooksInTheProductsWords() throws Exception {
        long runsBefore = runsOf(segmentation);
        for (int attempt = 1; attempt < ScheduledWork.START_ATTEMPTS; attempt++) {
            DueWorkReport look = lookWhoseStartLosesItsConnection();
            assertThat(look.runsSkipped()).as("attempt %d", attempt).isEmpty();
            assertThat(look.runsWaiting()).as("attempt %d", attempt).containsExactly(new PlannedRun(Trigger.DAILY, planned));
            assertThat(handledUntil()).isEqualTo(handledUntil);
        }
        DueWorkReport fifth;
        try (LogLines incidents = new LogLines(Incident.class, Level.INFO)) {
            fifth = lookWhoseStartLosesItsConnection();
            assertThat(incidents.lines(Level.ERROR, line -> line.startsWith("incident "))).as("one incident, with the failure in the log")
                    .singleElement().asString().contains("failed at each of 5 looks");
        }
        assertThat(fifth.runsWaiting()).isEmpty();
        assertThat(fifth.runsSkipped()).hasSize(1);
        String skipped = fifth.runsSkipped().get(0).skipped();
        assertThat(skipped).startsWith("skipped: the daily run planned at " + planned + " could not start because Strata's database failed at"
                        + " each of 5 looks at the clock, from ")
                .containsPattern("\\(reference [0-9a-f]{8}\\)")
                .endsWith("Start a run by hand (Run now on the segmentations page) once the database answers again, or wait for the"
                        + " schedule's next run; if this keeps happening, give the reference to your administrator.");
        for (String foreign : FOREIGN) {
            assertThat(skipped).as("'%s' in %s", foreign, skipped).doesNotContain(foreign);
        }
        JsonNode triggers = schedule().get("recentTriggers");
        assertThat(triggers).hasSize(1);
        assertThat(triggers.get(0).get("skipped").asString()).isEqualTo(skipped);
        assertThat(runsOf(segmentation)).as("nothing ran").isEqualTo(runsBefore);

        DueWorkReport after = suiteLook.runDueWork();
        assertThat(after.runsStarted()).as("not tried again").isEmpty();
        assertThat(after.runsWaiting()).isEmpty();
        assertThat(after.runsSkipped()).isEmpty();
        assertThat(runsOf(segmentation)).isEqualTo(runsBefore);
    }

    /**
     * A node stops (its run's worker shut down, as {@code RunWorkAtStop} does at a SIGTERM) while its look starts the
     * owed run: the run and its trigger are committed, and the worker refuses the run. The log says the run started and
     * was cut, and what happens next; no incident says it "could not start" (before session 60: "the daily run planned at
     * … could not start because of a problem on Strata's side, and it is not started again", with a stack trace, while
     * the run was RUNNING). What the line says then happens: the restart's sweep records the run interrupted, and the
     * next look starts it again, once.
     */
    @Test
    @Timeout(240)
    void aRunItsWorkerRefusesAtAStopIsLoggedAsStartedAndCutAndTheScheduleStartsItAgainOnce() throws Exception {
        long cut;
        try (OtherNode node = OtherNode.start(dataSource, "strata.schedules.enabled=false", "strata.predictions.warm-up=false",
                "spring.lifecycle.timeout-per-shutdown-phase=1s");
             LogLines lines = new LogLines(ScheduledWork.class, Level.INFO);
             LogLines incidents = new LogLines(Incident.class, Level.INFO)) {
            node.bean("segmentationRunWorker", ExecutorService.class).shutdown();
            DueWorkReport look = node.bean(RunDueWork.class).runDueWork();

            assertThat(look.runsStarted()).hasSize(1);
            assertThat(look.runsSkipped()).isEmpty();
            cut = look.runsStarted().get(0);
            assertThat(lines.lines(Level.WARN, line -> line.contains("run of segmentation " + segmentation))).containsExactly(
                    "the DAILY run of segmentation " + segmentation + " planned at " + planned + " started as run " + cut + ", but the"
                            + " run's worker refused it because Strata is stopping: the run stays RUNNING until the next start records it"
                            + " interrupted, and its schedule then starts it again, once");
            assertThat(incidents.lines(Level.ERROR, line -> line.contains("could not start"))).as("no incident").isEmpty();
            assertThat(status(cut)).isEqualTo("RUNNING");
            assertThat(schedule().get("recentTriggers").get(0).get("runId").asLong()).isEqualTo(cut);
        }
        // the node's pool closed with it, and the run's claim with the pool: the restart's sweep records the run
        restart.sweep();
        assertThat(status(cut)).isEqualTo("FAILED");
        suiteRuns.expectCompletion();
        DueWorkReport again = suiteLook.runDueWork();
        assertThat(again.runsStarted()).as("started again by the next look").hasSize(1);
        long second = again.runsStarted().get(0);
        suiteRuns.awaitCompleted();
        await().atMost(Duration.ofMinutes(1)).until(() -> status(second).equals("COMPLETED"));
        assertThat(schedule().get("recentTriggers").get(0).get("againAfterRun").asLong()).isEqualTo(cut);
        assertThat(suiteLook.runDueWork().runsStarted()).as("once").isEmpty();
        awaitRunFollowUps();
    }

    /**
     * Beginning a run takes one connection of the pool: its claim's, on which the unit of work that records the run runs.
     * A node whose pool has 4 connections (the other nodes' size, the least Strata starts with), 3 of them taken by another holder, is asked to start a
     * run through the API: the run is recorded RUNNING with the one free connection, and once the holder gives its
     * connections back the request is answered (reading the run back needs one more, after the begin) and the run
     * completes. Before session 60 the unit of work held the last free connection and waited for a second one for the
     * run's claim: the run was never recorded, and the request waited the pool's whole connection timeout and was
     * answered 503; on a pool of N, N runs started at once each held one connection and waited for another, starving
     * every request for that long.
     */
    @Test
    @Timeout(180)
    void beginningARunTakesOneConnectionOfThePool() throws Exception {
        try {
            aRunBegunWithOneConnection();
        } finally {
            // a run the node completed while it stopped leaves its follow-ups to the next start: the suite's node does them
            suiteRunService.resumeFollowUps();
            awaitRunFollowUps();
        }
    }

    private void aRunBegunWithOneConnection() throws Exception {
        try (OtherNode node = OtherNode.start(dataSource, "strata.db.connection-timeout=3s",
                "strata.schedules.enabled=false", "strata.predictions.warm-up=false")) {
            HikariDataSource pool = node.bean(HikariDataSource.class);
            assertThat(pool.getMaximumPoolSize()).isEqualTo(4);
            CompletableFuture<HttpResponse<String>> answer;
            long runsBefore = runsOf(segmentation);
            try (Connection one = pool.getConnection(); Connection two = pool.getConnection(); Connection three = pool.getConnection()) {
                long asked = System.nanoTime();
                answer = http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + node.port() + "/api/v1/segmentation-runs"))
                        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
                // the run is recorded with the one connection left, well within the pool's timeout of 3 s
                await().atMost(Duration.ofMillis(2500)).pollInterval(Duration.ofMillis(10))
                        .until(() -> runsOf(segmentation) == runsBefore + 1 || answer.isDone());
                assertThat(answer.isDone() ? answer.get().body() : "").as("answered before the run was recorded").isEmpty();
                assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - asked)).isLessThan(3000);
            }
            HttpResponse<String> started = answer.get(60, TimeUnit.SECONDS);
            assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
            long run = JSON.readTree(started.body()).get("runId").asLong();
            await().atMost(Duration.ofMinutes(1)).until(() -> !status(run).equals("RUNNING"));
            assertThat(status(run)).isEqualTo("COMPLETED");
            await().atMost(Duration.ofMinutes(1)).until(() -> pool.getHikariPoolMXBean().getActiveConnections() == 0);
        }
    }

    /**
     * The suite's look, whose start meets a session ended by the server: another client's transaction holds a RUNNING run
     * (uncommitted), so the start's row waits for it; the session waiting on that client is ended
     * ({@code pg_terminate_backend}), then the client's run is undone.
     */
    private DueWorkReport lookWhoseStartLosesItsConnection() throws Exception {
        try (Connection other = DriverManager.getConnection(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword())) {
            other.setAutoCommit(false);
            try (PreparedStatement insert = other.prepareStatement(
                    "insert into segmentation_runs (segmentation_id, as_of, status) values (?, current_date, 'RUNNING')")) {
                insert.setLong(1, segmentation);
                insert.executeUpdate();
            }
            int holder;
            try (PreparedStatement pid = other.prepareStatement("select pg_backend_pid()"); ResultSet row = pid.executeQuery()) {
                row.next();
                holder = row.getInt(1);
            }
            CompletableFuture<DueWorkReport> look = CompletableFuture.supplyAsync(suiteLook::runDueWork);
            await().atMost(Duration.ofMinutes(1)).until(() -> jdbc.sql("select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")
                    .param(holder).query(Long.class).single() == 1);
            assertThat(jdbc.sql("select count(pg_terminate_backend(pid)) from pg_stat_activity where ? = any(pg_blocking_pids(pid))")
                    .param(holder).query(Long.class).single()).isEqualTo(1);
            other.rollback();
            return look.get(60, TimeUnit.SECONDS);
        }
    }

    private Instant handledUntil() {
        return jdbc.sql("select handled_until from segmentation_schedules where segmentation_id = ?").param(segmentation)
                .query(java.sql.Timestamp.class).single().toInstant();
    }

    private long runsOf(long segmentationId) {
        return jdbc.sql("select count(*) from segmentation_runs where segmentation_id = ?").param(segmentationId).query(Long.class).single();
    }

    private JsonNode schedule() throws Exception {
        return JSON.readTree(get("/api/v1/segmentations/" + segmentation + "/schedule").body());
    }

    private String status(long runId) {
        return jdbc.sql("select status from segmentation_runs where run_id = ?").param(runId).query(String.class).single();
    }
}
