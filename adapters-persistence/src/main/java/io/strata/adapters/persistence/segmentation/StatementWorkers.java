package io.strata.adapters.persistence.segmentation;

import io.strata.application.segmentation.AssignmentPace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Whether the assignment keeps both cores busy: the parallel workers of its statement, and of its two index builds, at
 * work. They scan, aggregate and sort beside their leader; once the statement's leader alone writes the rows they wait
 * for it to take theirs (wait event {@code MessageQueueSend}) or are gone (an index build's leader merges alone), and a
 * core is idle (docs/benchmarks.md, "Session 37: predictions"). Watched from {@link #start} (the statement's start) to
 * {@link #close} (the segment index built) by polling {@code pg_stat_activity} for the workers whose leader is the
 * assignment's backend, on a connection of its own; the work beside the assignment ({@link #giveWay}) waits while they
 * are at work, at most {@link #MOST_WAITED_NANOS} in all. Anything going wrong here only ends the waiting: the run's
 * results never depend on it.
 */
final class StatementWorkers implements AssignmentPace, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StatementWorkers.class);

    /** Between two looks at the workers: a few rows of pg_stat_activity, far less CPU than the wait spares. */
    static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(25);
    /** The most the work beside one assignment waits in all, however long its parallel parts last. */
    static final long MOST_WAITED_NANOS = TimeUnit.SECONDS.toNanos(20);
    private static final long PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    static final String AT_WORK = "select count(*) from pg_stat_activity where leader_pid = ? and pid <> ?"
            + " and wait_event is distinct from 'MessageQueueSend'";

    private final DataSource dataSource;
    private final int leader;
    private final long runId;
    private final long mostWaitedNanos;
    private volatile boolean atWork;
    private volatile long looks;
    private volatile boolean over;
    private boolean started;
    private volatile long waitedNanos;

    StatementWorkers(DataSource dataSource, int leader, long runId) {
        this(dataSource, leader, runId, MOST_WAITED_NANOS);
    }

    /** {@code mostWaitedNanos}: the bound on the waits (tests make it short). */
    StatementWorkers(DataSource dataSource, int leader, long runId, long mostWaitedNanos) {
        this.dataSource = dataSource;
        this.leader = leader;
        this.runId = runId;
        this.mostWaitedNanos = mostWaitedNanos;
    }

    /** The statement starts: the assignment's workers are watched on a thread of their own until {@link #close}. */
    synchronized void start() {
        if (started || over) {
            return;
        }
        started = true;
        Thread watch = new Thread(this::watch, "segmentation-run-" + runId + "-workers");
        watch.setDaemon(true);
        watch.start();
    }

    private void watch() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(AT_WORK)) {
            // each look in a transaction of its own: pg_stat_activity is read once per transaction
            connection.setAutoCommit(true);
            query.setInt(1, leader);
            query.setInt(2, leader);
            while (!over) {
                try (ResultSet rs = query.executeQuery()) {
                    atWork = rs.next() && rs.getInt(1) > 0 && !over;
                }
                looks++;
                LockSupport.parkNanos(POLL_NANOS);
            }
        } catch (SQLException | RuntimeException e) {
            log.warn("run {}: the assignment's workers could not be watched; the work beside it no longer waits: {}", runId, e.getMessage());
        } finally {
            over = true;
            atWork = false;
        }
    }

    /** Waits while the statement's workers are at work, at most {@link #MOST_WAITED_NANOS} in all over the statement. */
    @Override
    public void giveWay() {
        if (!atWork) {
            return;
        }
        synchronized (this) {
            long since = System.nanoTime();
            while (atWork && waitedNanos + (System.nanoTime() - since) < mostWaitedNanos) {
                LockSupport.parkNanos(PARK_NANOS);
            }
            waitedNanos += System.nanoTime() - since;
        }
    }

    /** How many times the workers were looked at so far. */
    long looks() {
        return looks;
    }

    /** How long the work beside has waited so far, in milliseconds. */
    long waitedMillis() {
        return waitedNanos / 1_000_000;
    }

    /** The assignment's parallel parts are over (or it failed): nothing waits any more; the watch ends at its next look. */
    @Override
    public void close() {
        over = true;
        atWork = false;
    }
}
