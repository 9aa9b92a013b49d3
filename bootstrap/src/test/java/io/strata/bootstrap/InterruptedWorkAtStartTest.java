package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.recovery.WorkItem;
import io.strata.bootstrap.wiring.InterruptedWorkAtStart;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Imports and runs that a killed process left RUNNING are recorded as FAILED ("interrupted by a restart") and audited
 * when a node starts; those a live node still works on (it holds their claim) are left alone, so nodes can share one
 * database.
 */
class InterruptedWorkAtStartTest extends EndToEndTest {

    private static final String IMPORT_INTERRUPTED = "Interrupted by a restart: the application stopped while this import was running, "
            + "so nothing of it was written. Send the file again.";
    private static final String RUN_INTERRUPTED = "Interrupted by a restart: the application stopped while this run was computing, so it "
            + "has no results and the previous results stay current. Start the run again.";

    /** Claims of imports (WorkClaims.Space.IMPORTS, 0x53494d50, with hashtext(id)); runs, follow-ups and stages have theirs. */
    private static final String IMPORT_CLAIMS = "locktype = 'advisory' and objsubid = 2 and classid = " + 0x53494d50;

    @Autowired
    private HikariDataSource dataSource;

    @Autowired
    private WorkClaims claims;

    @Autowired
    private InterruptedWorkAtStart sweep;

    private long segmentationId;

    @BeforeEach
    void empty() {
        emptyDatabase();
        segmentationId = jdbc.sql("insert into segmentations (name, definition, status) values ('Value', '{}', 'DRAFT') returning segmentation_id")
                .query(Long.class).single();
    }

    @Test
    void aSecondNodeStartingMarksTheWorkNoNodeHoldsAsInterruptedAndLeavesTheWorkOfTheLiveNodeAlone() throws Exception {
        UUID killedImport = runningImport();
        long killedRun = runningRun();
        UUID liveImport = runningImport();
        // this node (the test's context) works on liveImport: it holds the claim, as an import under way does
        claims.hold(WorkClaims.Space.IMPORTS, liveImport.toString());
        try (ConfigurableApplicationContext secondNode = startSecondNode()) {
            assertThat(secondNode.isRunning()).isTrue();
        } finally {
            claims.release(WorkClaims.Space.IMPORTS, liveImport.toString());
        }

        assertThat(importState(killedImport)).isEqualTo("FAILED|" + IMPORT_INTERRUPTED + "|finished");
        assertThat(runState(killedRun)).isEqualTo("FAILED|" + RUN_INTERRUPTED + "|finished");
        assertThat(importState(liveImport)).isEqualTo("RUNNING||");
        assertThat(interruptedInAudit()).containsExactlyInAnyOrder("system|import|" + killedImport, "system|segmentation_run|" + killedRun);
        // the console and the API read the record: no ghost in progress
        assertThat(get("/api/v1/imports/" + killedImport).body()).contains("\"status\":\"FAILED\"").contains("Interrupted by a restart");
        assertThat(get("/api/v1/segmentation-runs/" + killedRun).body()).contains("\"status\":\"FAILED\"");
    }

    /**
     * Also: the upper halves a run written in halves commits before the run (its rows', its tactical memberships'), left
     * loose by a stop in between, stay while a node works on the run and go when the run is marked interrupted.
     */
    @Test
    void aRunWhoseClaimIsHeldStaysRunningUntilNoNodeHoldsIt() {
        long run = runningRun();
        List<String> looseHalves = List.of("run_assignments_" + run + "_high", "tactical_members_" + run + "_high");
        jdbc.sql("create table " + looseHalves.get(0) + " (like run_assignments)").update();
        jdbc.sql("create table " + looseHalves.get(1) + " (like tactical_members)").update();
        claims.hold(WorkClaims.Space.RUNS, Long.toString(run));
        try {
            assertThat(sweep.sweep()).isEmpty();
            assertThat(runState(run)).isEqualTo("RUNNING||");
            assertThat(looseHalves).allSatisfy(table -> assertThat(exists(table)).as(table).isTrue());
        } finally {
            claims.release(WorkClaims.Space.RUNS, Long.toString(run));
        }

        assertThat(sweep.sweep()).hasSize(1);
        assertThat(runState(run)).isEqualTo("FAILED|" + RUN_INTERRUPTED + "|finished");
        assertThat(interruptedInAudit()).containsExactly("system|segmentation_run|" + run);
        assertThat(looseHalves).allSatisfy(table -> assertThat(exists(table)).as(table).isFalse());
    }

    private boolean exists(String table) {
        return jdbc.sql("select to_regclass(?) is not null").param(table).query(Boolean.class).single();
    }

    @Test
    void aClaimEndsWithTheConnectionOfItsNodeAsWhenTheProcessIsKilled() {
        UUID killed = runningImport();
        claims.hold(WorkClaims.Space.IMPORTS, killed.toString());
        // kill -9 closes the node's sockets; the server ends those sessions and their advisory locks. This import's claim
        // only: the follow-ups of an earlier test's run hold theirs a moment after they are recorded done
        assertThat(jdbc.sql("select pg_terminate_backend(pid) from pg_locks where " + IMPORT_CLAIMS + " and objid = hashtext(?)::oid "
                + "and granted").param(killed.toString()).query(Boolean.class).list()).containsExactly(true);
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.sql("select count(*) from pg_locks where " + IMPORT_CLAIMS
                + " and objid = hashtext(?)::oid").param(killed.toString()).query(Long.class).single() == 0);

        assertThat(sweep.sweep()).extracting(WorkItem::id).containsExactly(killed.toString());
        assertThat(importState(killed)).isEqualTo("FAILED|" + IMPORT_INTERRUPTED + "|finished");
        claims.release(WorkClaims.Space.IMPORTS, killed.toString());
    }

    @Test
    void anImportUnderWayHoldsItsClaimUntilItIsRecordedFinished() throws Exception {
        // a real import through the API: once answered it is COMPLETED and its claim is gone, so a sweep finds nothing
        assertThat(post("/api/v1/imports/customers", "text/csv", "customer_id\nC1\n").statusCode()).isEqualTo(200);

        assertThat(sweep.sweep()).isEmpty();
        assertThat(jdbc.sql("select count(*) from pg_locks where " + IMPORT_CLAIMS).query(Long.class).single()).isZero();
    }

    /** Another application on the same database, as a second node (or this node after a restart) would be. */
    private ConfigurableApplicationContext startSecondNode() {
        return new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + dataSource.getJdbcUrl(), "--strata.db.user=" + dataSource.getUsername(), "--strata.db.password=" + dataSource.getPassword(),
                "--strata.db.pool-size=4", "--strata.api-token=" + TOKEN, "--strata.admin-password=" + ADMIN_PASSWORD);
    }

    private UUID runningImport() {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into imports (import_id, entity, mode, status, requested_by, started_at, rows_received) "
                + "values (?, 'orders', 'strict', 'RUNNING', 'test', now(), 40000)").param(id).update();
        return id;
    }

    private long runningRun() {
        return jdbc.sql("insert into segmentation_runs (segmentation_id, as_of, status) values (?, date '2024-06-30', 'RUNNING') returning run_id")
                .param(segmentationId).query(Long.class).single();
    }

    private String importState(UUID id) {
        return jdbc.sql("select concat_ws('|', status, coalesce(message, ''), case when finished_at is not null then 'finished' else '' end) "
                + "from imports where import_id = ?").param(id).query(String.class).single();
    }

    private String runState(long id) {
        return jdbc.sql("select concat_ws('|', status, coalesce(error, ''), case when finished_at is not null then 'finished' else '' end) "
                + "from segmentation_runs where run_id = ?").param(id).query(String.class).single();
    }

    private List<String> interruptedInAudit() {
        return jdbc.sql("select concat_ws('|', actor, subject_type, subject_id) from audit_events where action = 'INTERRUPTED' "
                + "and occurred_at > now() - interval '10 minutes' and subject_id in (select import_id::text from imports "
                + "union all select run_id::text from segmentation_runs)").query(String.class).list();
    }
}
