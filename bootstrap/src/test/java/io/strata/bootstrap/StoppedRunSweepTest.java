package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.segmentation.JdbcSegmentationRuns;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.schedule.DueWorkReport;
import io.strata.application.schedule.port.in.RunDueWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * At each look at the clock (db-scheduler's beat, here called by the test), a RUNNING run whose claim no live session
 * holds has lost its worker (a Spark job killed halfway, a node that died) and is recorded as FAILED with the reason,
 * without waiting for a restart; a run whose worker lives is left alone; a run no worker took up yet (begun for a job
 * that has not started) is left for strata.runs.unclaimed-grace (10 minutes) from its start.
 */
class StoppedRunSweepTest extends EndToEndTest {

    private static final String WORKER_STOPPED = "The run's worker stopped before it finished (its process ended or lost its database "
            + "connection), so the run has no results and the previous results stay current. Start the run again.";
    private static final String NEVER_TAKEN_UP = "No worker took up the run within 10 minutes of its start (a Spark job submitted for it "
            + "did not start, or was not submitted), so the run has no results and the previous results stay current. Start the run again.";

    @Autowired
    private HikariDataSource dataSource;

    @Autowired
    private RunDueWork dueWork;

    @Autowired
    private SteerableClock clock;

    private long segmentationId;
    private long previous;

    @BeforeEach
    void aCompletedRun() {
        emptyDatabase();
        segmentationId = jdbc.sql("insert into segmentations (name, definition, status) values ('Value', '{}', 'DRAFT') returning segmentation_id")
                .query(Long.class).single();
        previous = jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status, finished_at, customers, followed_up_at) "
                // followed up: a completed run inserted by hand has no worker that would ever follow it up
                + "values (?, date '2024-06-29', 'COMPLETED', now(), 0, now()) returning run_id").param(segmentationId).query(Long.class).single();
    }

    @AfterEach
    void backToTheSystemsTime() {
        clock.reset();
    }

    @Test
    void aRunWhoseWorkerHoldsItsClaimStaysRunningThroughTheSweep() {
        long run = runBegunForAJob();
        // a Spark job's way of taking the run up, on a session of its own (another process's, as far as PostgreSQL knows)
        JdbcSegmentationRuns job = jobOn(dataSource);
        assertThat(job.takeUp(run)).isTrue();
        try {
            clock.advance(Duration.ofHours(2));

            DueWorkReport look = dueWork.runDueWork();

            assertThat(look.runsFailed()).isEmpty();
            assertThat(runState(run)).isEqualTo("RUNNING||");
        } finally {
            job.fail(run, "ended by the test");
        }
    }

    @Test
    void aRunWhoseWorkerWasKilledEndsFailedAtTheNextLookAndThePreviousRunStaysCurrent() {
        long run = runBegunForAJob();
        WorkClaims jobsClaims = new WorkClaims(dataSource);
        JdbcSegmentationRuns job = new JdbcSegmentationRuns(JdbcClient.create(dataSource), jobsClaims);
        assertThat(job.takeUp(run)).isTrue();
        try {
            aKilledJobIsFailedAtTheNextLook(run);
        } finally {
            // a killed process's connections are gone with it; the test's "job" lives in this JVM and would keep its
            // broken claim connection out of the pool for good (the full suite's ImportAdmissionTest then counted 7)
            jobsClaims.release(WorkClaims.Space.RUNS, Long.toString(run));
        }
    }

    private void aKilledJobIsFailedAtTheNextLook(long run) {
        // kill -9 of the job closes its sockets; the server ends its session and the claim with it (classid 1397904718 is
        // 0x5352554e, the claims' RUNS space)
        assertThat(jdbc.sql("select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and objsubid = 2 and granted "
                + "and classid = 1397904718 and objid = hashtext(?)::oid").param(Long.toString(run)).query(Boolean.class).list()).containsExactly(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from pg_locks where locktype = 'advisory' "
                + "and objsubid = 2 and classid = 1397904718 and objid = hashtext(?)::oid").param(Long.toString(run)).query(Long.class).single() == 0);

        // no clock moved: a run that was taken up is failed at once, not after the grace
        DueWorkReport look = dueWork.runDueWork();

        assertThat(look.runsFailed()).containsExactly(run);
        assertThat(runState(run)).isEqualTo("FAILED|" + WORKER_STOPPED + "|finished");
        assertThat(latestCompleted()).isEqualTo(previous);
        assertThat(interruptedInAudit(run)).containsExactly("system|recorded as FAILED while the application ran: it was RUNNING and its "
                + "worker no longer held its claim");
        assertThat(dueWork.runDueWork().runsFailed()).as("once").isEmpty();
    }

    @Test
    void aRunNoWorkerTookUpIsLeftForTheGraceFromItsStartThenFails() {
        long run = runBegunForAJob();

        assertThat(dueWork.runDueWork().runsFailed()).isEmpty();
        clock.advance(Duration.ofMinutes(9));
        assertThat(dueWork.runDueWork().runsFailed()).isEmpty();
        assertThat(runState(run)).isEqualTo("RUNNING||");

        clock.advance(Duration.ofMinutes(1).plusSeconds(5));
        DueWorkReport afterTheGrace = dueWork.runDueWork();

        assertThat(afterTheGrace.runsFailed()).containsExactly(run);
        assertThat(runState(run)).isEqualTo("FAILED|" + NEVER_TAKEN_UP + "|finished");
        assertThat(latestCompleted()).isEqualTo(previous);
        assertThat(interruptedInAudit(run)).containsExactly("system|recorded as FAILED while the application ran: it was RUNNING and no "
                + "worker took it up within PT10M");
        // a job given the run's id now finds it FAILED and does not take it up
        assertThat(jobOn(dataSource).takeUp(run)).isFalse();
    }

    @Test
    void aRunAJobCompletedIsFollowedUpAtTheNextLookOnceAndNotWhileAnotherWorkerIsAtIt() {
        long run = runBegunForAJob();
        JdbcSegmentationRuns job = jobOn(dataSource);
        assertThat(job.takeUp(run)).isTrue();
        job.complete(run, 0);
        assertThat(followedUp(run)).isFalse();

        // another node's worker is at the run's follow-ups: the look leaves them to it
        JdbcSegmentationRuns otherNode = jobOn(dataSource);
        assertThat(otherNode.claimFollowUps(run)).isTrue();
        try {
            dueWork.runDueWork();
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !followedUp(run));
        } finally {
            otherNode.releaseFollowUps(run);
        }

        // no worker of this application ran the job's run: the next look does its follow-ups
        dueWork.runDueWork();
        await().atMost(Duration.ofSeconds(30)).until(() -> followedUp(run));
    }

    private boolean followedUp(long run) {
        return jdbc.sql("select followed_up_at is not null from segmentation_runs where run_id = ?").param(run).query(Boolean.class).single();
    }

    /** A RUNNING run as one is begun for a Spark job: recorded, nobody holding its claim yet. */
    private long runBegunForAJob() {
        return jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status) values (?, date '2024-06-30', 'RUNNING') returning run_id")
                .param(segmentationId).query(Long.class).single();
    }

    private static JdbcSegmentationRuns jobOn(HikariDataSource dataSource) {
        return new JdbcSegmentationRuns(JdbcClient.create(dataSource), new WorkClaims(dataSource));
    }

    private long latestCompleted() {
        return jdbc.sql("select max(run_id) from segmentation_runs where status = 'COMPLETED'").query(Long.class).single();
    }

    private String runState(long id) {
        return jdbc.sql("select concat_ws('|', status, coalesce(error, ''), case when finished_at is not null then 'finished' else '' end) "
                + "from segmentation_runs where run_id = ?").param(id).query(String.class).single();
    }

    private List<String> interruptedInAudit(long run) {
        return jdbc.sql("select concat_ws('|', actor, detail) from audit_events where action = 'INTERRUPTED' and subject_type = 'segmentation_run' "
                + "and subject_id = ? and occurred_at > now() - interval '2 minutes'").param(Long.toString(run)).query(String.class).list();
    }
}
