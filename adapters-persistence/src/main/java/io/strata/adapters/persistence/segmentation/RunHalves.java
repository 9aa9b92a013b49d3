package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
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
 * <p>The upper half commits on its own ({@link UpperHalf}); the run's transaction attaches it. Until then it is a loose
 * table no reader sees: a run that fails drops it, and a run interrupted by a stop is cleared at the next start
 * ({@code JdbcUnfinishedWork}).
 */
public final class RunHalves {

    /** The customers' keys on the run's snapshot: the lower half is [{@code low}, {@code middle}), the upper [{@code middle}, {@code high}). */
    public record Split(long low, long middle, long high) {

        /**
         * The middle of the keys from {@code min} to {@code max} (a row of {@code min(customer_key), max(customer_key)}),
         * when they span at least {@code halvesFrom}; none for no keys (NULLs) or fewer.
         */
        public static Optional<Split> ofSpan(java.sql.ResultSet minAndMax, long halvesFrom) throws SQLException {
            minAndMax.next();
            long low = minAndMax.getLong(1);
            if (minAndMax.wasNull()) {
                return Optional.empty();
            }
            long high = minAndMax.getLong(2) + 1;
            return high - low < Math.max(2, halvesFrom) ? Optional.empty() : Optional.of(new Split(low, low + (high - low) / 2, high));
        }

        /**
         * Makes {@code table} (shaped like {@code like}) a table partitioned by customer key over the two halves split
         * here (names built from numeric run ids only); their constraints already hold their key ranges, so attaching
         * them scans nothing.
         */
        public void join(Connection connection, String table, String like, String lowerHalf, String upperHalf) throws SQLException {
            SqlSegmentationRun.execute(connection, "create table " + table + " (like " + like + ") partition by range (customer_key)");
            SqlSegmentationRun.execute(connection, "alter table " + table + " attach partition " + lowerHalf
                    + " for values from (minvalue) to (" + middle + ")");
            SqlSegmentationRun.execute(connection, "alter table " + table + " attach partition " + upperHalf
                    + " for values from (" + middle + ") to (maxvalue)");
        }
    }

    private final DataSource dataSource;
    private final DatabaseSettings.Tuning tuning;
    private final long runId;
    private final String snapshot;
    private final Split split;
    private UpperHalf<Written> upper;
    private BiFunction<AssignmentSql.KeyRange, String, AssignmentSql> statement;

    /** What the upper half's connection wrote: its rows and its totals per segment (see {@link #totals}). */
    private record Written(long rows, String totals) {
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
            return Split.ofSpan(rs, halvesFrom);
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
        upper = UpperHalf.start(dataSource, snapshot, "run-" + runId + "-upper-half", "the upper half of run " + runId, this::writeUpper);
    }

    /**
     * Writes the lower half in the run's transaction, waits for the upper one, and makes both the run's partition,
     * attached to {@code run_assignments} (not committed); answers the customers assigned.
     */
    long writeLower(Connection connection, StepTimes steps) throws SQLException {
        long lower = write(connection, lower(), steps);
        UpperHalf.Written<Written> written = upper.await();
        upperHalf = written.value();
        steps.note("upper half: " + written.steps());
        String partition = SqlSegmentationRun.partition(runId);
        split.join(connection, partition, "run_assignments", table(lower()), table(upper()));
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
        if (upper != null) {
            upper.dropWhenLoose(connection, table(upper()));
        }
    }

    /**
     * For a run interrupted by a stop (marked failed at the next start): drops its upper half if that was committed
     * and never attached. The lower half and the run's partition were in the run's transaction: nothing is left of them.
     */
    public static void dropLooseUpperHalf(org.springframework.jdbc.core.simple.JdbcClient jdbc, long runId) {
        jdbc.sql(UpperHalf.dropLoose(SqlSegmentationRun.partition(runId) + "_high")).update();
    }

    /** The upper half, in its own transaction on the run's snapshot (committed by {@link UpperHalf}). */
    private Written writeUpper(Connection connection, StepTimes steps) throws SQLException {
        SqlSegmentationRun.execute(connection, "set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'");
        long rows = write(connection, upper(), steps);
        String totals = totals(connection, table(upper()));
        steps.done("totals");
        return new Written(rows, totals);
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
