package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.BiFunction;

/**
 * A run's partition written in two halves of the customers by key, each by its own connection on the run's snapshot,
 * so that both cores write rows and build indexes. PostgreSQL inserts the rows of a {@code create table ... as} from
 * its leader process only: with one table the parallel workers wait while the leader writes the million rows, and each
 * index build ends with the leader alone merging and writing (about 1.5 s of a 1M run with one core idle,
 * docs/benchmarks.md, "Session 39: runs"). Each half is one process (no parallel workers: two halves already fill the
 * two cores), its table constrained, indexed and analyzed by its own connection.
 *
 * <p>The run's partition {@code run_assignments_<id>} is then a table partitioned by customer key with the halves
 * {@code run_assignments_<id>_low} and {@code _high} as its partitions (their indexes adopted, their key range and run
 * checked by their constraints, so attaching scans nothing). Readers go through {@code run_assignments} as before.
 *
 * <p>The upper half commits on its own (another connection cannot attach a table of an open transaction); the run's
 * transaction attaches it. Until then it is a loose table no reader sees: a run that fails drops it, and a run
 * interrupted by a stop is cleared at the next start ({@code JdbcUnfinishedWork}).
 */
public final class RunHalves {

    /** The customers' keys on the run's snapshot: the lower half is [{@code low}, {@code middle}), the upper [{@code middle}, {@code high}). */
    record Split(long low, long middle, long high) {
    }

    private final DataSource dataSource;
    private final DatabaseSettings.Tuning tuning;
    private final long runId;
    private final String snapshot;
    private final Split split;
    private FutureTask<Written> upper;
    private BiFunction<AssignmentSql.KeyRange, String, AssignmentSql> statement;

    /** What the upper half's connection did: its rows, its totals per segment (see {@link #totals}), and its steps for the run's log. */
    private record Written(long rows, String totals, String steps) {
    }

    private Written upperHalf;

    RunHalves(DataSource dataSource, DatabaseSettings.Tuning tuning, long runId, String snapshot, Split split) {
        this.dataSource = dataSource;
        this.tuning = tuning;
        this.runId = runId;
        this.snapshot = snapshot;
        this.split = split;
    }

    /**
     * The halves' bounds on the run's snapshot, when the customers' keys span at least {@code halvesFrom}: the middle of
     * their span (keys come from a sequence, so the halves hold about as many customers each; an uneven split is only
     * slower, never different).
     */
    static Optional<Split> split(Connection connection, long halvesFrom) throws SQLException {
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("select min(customer_key), max(customer_key) from customers")) {
            rs.next();
            long low = rs.getLong(1);
            if (rs.wasNull()) {
                return Optional.empty();
            }
            long high = rs.getLong(2) + 1;
            return high - low < Math.max(2, halvesFrom) ? Optional.empty() : Optional.of(new Split(low, low + (high - low) / 2, high));
        }
    }

    AssignmentSql.KeyRange lower() {
        return new AssignmentSql.KeyRange(split.low(), split.middle());
    }

    AssignmentSql.KeyRange upper() {
        return new AssignmentSql.KeyRange(split.middle(), split.high());
    }

    /** The table of a half. */
    String table(AssignmentSql.KeyRange range) {
        return SqlSegmentationRun.partition(runId) + (range.from() == split.low() ? "_low" : "_high");
    }

    /** Starts the upper half on a connection and thread of its own; {@code statement}: a half's statement, into the given table. */
    void start(BiFunction<AssignmentSql.KeyRange, String, AssignmentSql> statement) {
        this.statement = statement;
        upper = new FutureTask<>(this::writeUpper);
        Thread thread = new Thread(upper, "run-" + runId + "-upper-half");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Writes the lower half in the run's transaction, waits for the upper one, and makes both the run's partition,
     * attached to {@code run_assignments} (not committed); answers the customers assigned.
     */
    long writeLower(Connection connection, StepTimes steps) throws SQLException {
        long lower = write(connection, lower(), steps);
        upperHalf = awaitUpper();
        steps.note("upper half: " + upperHalf.steps());
        String partition = SqlSegmentationRun.partition(runId);
        SqlSegmentationRun.execute(connection, "create table " + partition + " (like run_assignments) partition by range (customer_key)");
        SqlSegmentationRun.execute(connection, "alter table " + partition + " attach partition " + table(lower())
                + " for values from (minvalue) to (" + split.middle() + ")");
        SqlSegmentationRun.execute(connection, "alter table " + partition + " attach partition " + table(upper())
                + " for values from (" + split.middle() + ") to (maxvalue)");
        SqlSegmentationRun.execute(connection, "alter table run_assignments attach partition " + partition + " for values in (" + runId + ")");
        steps.done("attach");
        return lower + upperHalf.rows();
    }

    /**
     * Per segment key, the customers, revenue and orders of both halves, as a query (segment_key, customers, revenue,
     * orders) for the run's summary: the lower half's counted in the run's transaction, the upper half's as its own
     * connection counted them before its commit (the run's snapshot, older than that commit, does not see its rows).
     * Only after {@link #writeLower}.
     */
    String totals() {
        return "select segment_key, sum(customers)::bigint as customers, sum(revenue) as revenue, sum(orders)::bigint as orders from ("
                + "select segment_key, count(*) as customers, sum(monetary) as revenue, sum(frequency) as orders from " + table(lower())
                + " group by segment_key union all " + upperHalf.totals() + ") h group by segment_key";
    }

    /** A half's totals per segment key, as a values list of literals (keys quoted by the server). */
    private static String totals(Connection connection, String table) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(
                "select coalesce(string_agg(format('select %L::text, %s::bigint, %s::numeric, %s::bigint', segment_key, n, revenue, orders), ' union all '),"
                        + " 'select null::text, 0::bigint, 0::numeric, 0::bigint where false')"
                        + " from (select segment_key, count(*) as n, sum(monetary) as revenue, sum(frequency) as orders from " + table + " group by segment_key) t")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * After the run's transaction has rolled back: waits for the upper half to end (it may commit meanwhile), then
     * drops its table if it is there and loose.
     */
    void dropUpper(Connection connection) throws SQLException {
        if (upper == null) {
            return;
        }
        try {
            upper.get();
        } catch (ExecutionException | RuntimeException e) {
            // it failed and rolled back, or committed nothing the drop below does not handle
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SqlSegmentationRun.execute(connection, dropLoose(table(upper())));
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /**
     * Drops a half's table that was left loose (committed, never attached); nothing when it is absent or attached. Also
     * the tactical memberships' upper half ({@code SqlTacticalMembership}), which commits the same way.
     */
    public static String dropLoose(String table) {
        // the name is built from the numeric run id only
        return """
                do $$ begin
                  if exists (select 1 from pg_class where oid = to_regclass('%1$s') and not relispartition) then
                    execute 'drop table %1$s';
                  end if;
                end $$""".formatted(table);
    }

    /**
     * For a run interrupted by a stop (marked failed at the next start): drops its upper half if that was committed
     * and never attached. The lower half and the run's partition were in the run's transaction: nothing is left of them.
     */
    public static void dropLooseUpperHalf(org.springframework.jdbc.core.simple.JdbcClient jdbc, long runId) {
        jdbc.sql(dropLoose(SqlSegmentationRun.partition(runId) + "_high")).update();
    }

    private Written awaitUpper() throws SQLException {
        try {
            return upper.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the upper half of run " + runId + " was written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException("the upper half of run " + runId + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The upper half on its own connection, committed; answers its steps for the run's log. */
    private Written writeUpper() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                // the first statement of its transaction: from here on it reads what the run reads
                SqlSegmentationRun.execute(connection, "set transaction snapshot '" + snapshot + "'");
                SqlSegmentationRun.execute(connection, "set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'");
                StepTimes steps = new StepTimes();
                long rows = write(connection, upper(), steps);
                String totals = totals(connection, table(upper()));
                steps.done("totals");
                connection.commit();
                steps.done("commit");
                return new Written(rows, totals, steps.toString());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        }
    }

    /** One half: its rows, constraints, indexes and statistics, by one process (the other half has the other core). */
    private long write(Connection connection, AssignmentSql.KeyRange range, StepTimes steps) throws SQLException {
        SqlSegmentationRun.execute(connection, "set local max_parallel_workers_per_gather = 0");
        SqlSegmentationRun.execute(connection, "set local max_parallel_maintenance_workers = 0");
        String table = table(range);
        AssignmentSql assignment = statement.apply(range, table);
        long rows;
        try (PreparedStatement create = connection.prepareStatement(assignment.sql())) {
            SqlSegmentationRun.bind(create, assignment.parameters());
            rows = create.executeLargeUpdate();
        }
        steps.done("statement");
        SqlSegmentationRun.constrainAndIndex(connection, table, "run_id = " + runId + " and customer_key >= " + range.from()
                + " and customer_key < " + range.to(), steps);
        SqlSegmentationRun.execute(connection, "analyze " + table);
        steps.done("analyze");
        return rows;
    }
}
