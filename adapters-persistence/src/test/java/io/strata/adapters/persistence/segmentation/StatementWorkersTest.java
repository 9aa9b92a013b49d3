package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work beside a run's assignment gives way while the assignment's statement has parallel workers at work, and goes
 * on once they only wait for their leader or are gone. A real statement with real workers: a parallel scan of a small
 * table, forced by the planner's costs set to zero in the leader's session; what the workers do is read from
 * pg_stat_activity by the test itself.
 */
class StatementWorkersTest {

    /** Parallel plans for anything, two workers, the leader not scanning itself. */
    private static final String PARALLEL = "set parallel_setup_cost = 0; set parallel_tuple_cost = 0; set min_parallel_table_scan_size = 0;"
            + " set max_parallel_workers_per_gather = 2; set parallel_leader_participation = off";

    private Connection leader;
    private Statement statement;
    private CompletableFuture<Void> running;

    @BeforeAll
    static void probeTable() {
        TestDatabase.execute("drop table if exists workers_probe; create table workers_probe (id int) with (parallel_workers = 2);"
                + " insert into workers_probe select generate_series(1, 200000); analyze workers_probe;"
                // evaluated by the leader only (parallel restricted): the workers hand it rows faster than it takes them
                + " create or replace function leader_takes_slowly(int) returns int language plpgsql parallel restricted"
                + " as $$ begin perform pg_sleep(0.001); return $1; end $$");
    }

    @AfterEach
    void cancel() throws Exception {
        if (statement != null) {
            statement.cancel();
        }
        if (running != null) {
            running.handle((ok, e) -> null).get(30, TimeUnit.SECONDS);
        }
        if (leader != null) {
            leader.close();
        }
    }

    @Test
    void theWorkBesideWaitsWhileTheWorkersAreAtWorkAndGoesOnWhenTheStatementEnds() throws Exception {
        // each worker sleeps 5 ms a row over the rows of its share: seconds of work
        int pid = startLeader("select count(*) from workers_probe where id <= 4000 and pg_sleep(0.005) is not null");
        awaitWorkers(pid, "PgSleep");
        try (StatementWorkers workers = new StatementWorkers(TestDatabase.dataSource(), pid, 1)) {
            workers.start();
            awaitLooks(workers);
            CompletableFuture<Void> besides = CompletableFuture.runAsync(workers::giveWay);
            Thread.sleep(500);
            assertThat(workersDoing(pid, "PgSleep")).as("the workers are still at work").isPositive();
            assertThat(besides).as("the work beside waits meanwhile").isNotDone();
            running.get(60, TimeUnit.SECONDS);
            besides.get(10, TimeUnit.SECONDS);
            assertThat(workers.waitedMillis()).isGreaterThanOrEqualTo(500);
        }
    }

    @Test
    void workersWaitingForTheirLeaderLeaveACoreIdle() throws Exception {
        // the leader works out each row itself, 1 ms a row: the workers fill their queues and wait to send
        int pid = startLeader("select sum(leader_takes_slowly(id)) from workers_probe");
        // every worker of the leader waits to send (as the statement's workers do while its leader writes the rows)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (workersDoing(pid, "MessageQueueSend") == 0 || workersDoing(pid, null) != workersDoing(pid, "MessageQueueSend")) {
            assertThat(System.nanoTime()).as("the leader's workers all wait to send").isLessThan(until);
            Thread.sleep(20);
        }
        try (StatementWorkers workers = new StatementWorkers(TestDatabase.dataSource(), pid, 1)) {
            workers.start();
            awaitLooks(workers);
            workers.giveWay();
            assertThat(workers.waitedMillis()).isZero();
        }
        assertThat(running).as("the statement still runs").isNotDone();
    }

    @Test
    void theWaitsAreBoundedAndEndWithTheWatch() throws Exception {
        int pid = startLeader("select count(*) from workers_probe where id <= 4000 and pg_sleep(0.005) is not null");
        awaitWorkers(pid, "PgSleep");
        try (StatementWorkers workers = new StatementWorkers(TestDatabase.dataSource(), pid, 1, TimeUnit.MILLISECONDS.toNanos(300))) {
            workers.start();
            awaitLooks(workers);
            workers.giveWay();
            long first = workers.waitedMillis();
            assertThat(first).isBetween(300L, 2_000L);
            // the bound is for all the waits over the statement, not for each: the next one passes at once
            workers.giveWay();
            assertThat(workers.waitedMillis()).isLessThan(first + 100);
            assertThat(running).as("the workers are still at work").isNotDone();
        }
        // a closed watch (the statement is over) never waits, and a fresh one that never started neither
        StatementWorkers unstarted = new StatementWorkers(TestDatabase.dataSource(), pid, 1);
        unstarted.giveWay();
        assertThat(unstarted.waitedMillis()).isZero();
    }

    /** Starts {@code sql} on a connection of its own with parallel plans forced; answers its backend's pid. */
    private int startLeader(String sql) throws SQLException {
        leader = TestDatabase.dataSource().getConnection();
        int pid;
        try (Statement s = leader.createStatement()) {
            s.execute(PARALLEL);
            try (ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                pid = rs.getInt(1);
            }
        }
        statement = leader.createStatement();
        running = CompletableFuture.runAsync(() -> {
            try (ResultSet rs = statement.executeQuery(sql)) {
                rs.next();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        return pid;
    }

    private static void awaitWorkers(int pid, String waitEvent) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (workersDoing(pid, waitEvent) == 0) {
            assertThat(System.nanoTime()).as("the leader's workers " + waitEvent).isLessThan(until);
            Thread.sleep(20);
        }
    }

    private static void awaitLooks(StatementWorkers workers) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (workers.looks() < 2) {
            assertThat(System.nanoTime()).as("the watch looked twice").isLessThan(until);
            Thread.sleep(10);
        }
    }

    /** Workers of the leader {@code pid}, all of them ({@code waitEvent} null), or those in that wait event. */
    private static int workersDoing(int pid, String waitEvent) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement q = c.prepareStatement("select count(*) from pg_stat_activity where leader_pid = ? and pid <> ?"
                     + " and (?::text is null or wait_event = ?::text)")) {
            q.setInt(1, pid);
            q.setInt(2, pid);
            q.setString(3, waitEvent);
            q.setString(4, waitEvent);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }
}
