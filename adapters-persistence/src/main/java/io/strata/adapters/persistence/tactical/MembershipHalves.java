package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.segmentation.RunHalves.Split;
import io.strata.adapters.persistence.segmentation.StepTimes;
import io.strata.adapters.persistence.segmentation.UpperHalf;
import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A run's tactical memberships written in two halves of its members by customer key, each by its own connection on
 * one snapshot, as the run's own rows are ({@code RunHalves}): PostgreSQL writes the rows of a {@code create table ...
 * as} from its leader alone, runs a branch with a correlated aggregate (a sum over a member's orders) in one process,
 * and ends each index build with its leader alone, so one table kept a core idle for much of the memberships' 2-2.5 s
 * at 1M (docs/benchmarks.md, session 41). Each half is one process (two halves fill the two cores), its table
 * constrained and indexed by its own connection.
 *
 * <p>The run's table {@code tactical_members_<id>} is then partitioned by customer key over
 * {@code tactical_members_<id>_low} and {@code _high} (their indexes adopted, their key range checked by their
 * constraints, so attaching scans nothing), attached to {@code tactical_members} as before. The upper half commits on
 * its own ({@link UpperHalf}): a failure drops it, and a stop before the memberships' commit leaves it loose for the
 * next start to drop ({@code JdbcUnfinishedWork}), like the run's.
 */
final class MembershipHalves {

    /** Customer keys in [{@code from}, {@code to}). */
    record KeyRange(long from, long to) {

        /** The range as a condition on {@code alias}'s customer key, after an {@code and}; numbers read from the database. */
        String on(String alias) {
            return " and " + alias + ".customer_key >= " + from + " and " + alias + ".customer_key < " + to;
        }
    }

    private final long runId;
    private final Split split;
    private final Function<KeyRange, SqlTacticalMembership.Fill> fill;
    private UpperHalf<Map<Long, Long>> upperHalf;

    private MembershipHalves(long runId, Split split, Function<KeyRange, SqlTacticalMembership.Fill> fill) {
        this.runId = runId;
        this.split = split;
        this.fill = fill;
    }

    /**
     * The halves of a run's members, when their keys span at least {@code halvesFrom}: the middle of the span of the
     * run's rows (every customer of the run's snapshot has one, so it is the run's own split when the run was written
     * in halves; another split would only be slower, never different). The first statement of the memberships'
     * transaction: it takes the snapshot both halves read.
     */
    static Optional<Split> split(Connection connection, long runId, long halvesFrom) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select min(customer_key), max(customer_key) from run_assignments where run_id = ?")) {
            statement.setLong(1, runId);
            try (var rs = statement.executeQuery()) {
                return Split.ofSpan(rs, halvesFrom);
            }
        }
    }

    /**
     * Exports the snapshot of {@code connection}'s transaction (repeatable read, its snapshot taken by {@link #split})
     * and starts the upper half on a connection and thread of its own; {@code fill}: a half's statement, for its range.
     */
    static MembershipHalves start(DataSource dataSource, Connection connection, long runId, Split split,
                                  Function<KeyRange, SqlTacticalMembership.Fill> fill) throws SQLException {
        MembershipHalves halves = new MembershipHalves(runId, split, fill);
        halves.upperHalf = UpperHalf.start(dataSource, UpperHalf.exportSnapshot(connection), "run-" + runId + "-tactical-upper-half",
                "the upper half of run " + runId + "'s tactical memberships", (upperConnection, steps) -> halves.write(upperConnection, halves.upper(), steps));
        return halves;
    }

    private KeyRange lower() {
        return new KeyRange(split.low(), split.middle());
    }

    private KeyRange upper() {
        return new KeyRange(split.middle(), split.high());
    }

    /** The table of a half (built from the numeric run id only). */
    private String table(KeyRange range) {
        return SqlTacticalMembership.partition(runId) + (range.from() == split.low() ? "_low" : "_high");
    }

    /**
     * Writes the lower half in the memberships' transaction, waits for the upper one, and makes both the run's table,
     * attached to {@code tactical_members} (not committed); answers the members per tactical segment of both halves
     * (the upper half's as its own connection counted them: its commit came after this transaction's snapshot).
     */
    Map<Long, Long> writeLower(Connection connection, StepTimes steps) throws SQLException {
        Map<Long, Long> members = new HashMap<>(write(connection, lower(), steps));
        UpperHalf.Written<Map<Long, Long>> upperWritten = upperHalf.await();
        steps.note("upper half: " + upperWritten.steps());
        upperWritten.value().forEach((tacticalId, count) -> members.merge(tacticalId, count, Long::sum));
        split.join(connection, SqlTacticalMembership.partition(runId), "tactical_members", table(lower()), table(upper()));
        return members;
    }

    /**
     * After the memberships' transaction has rolled back: waits for the upper half to end (it may commit meanwhile),
     * then drops its table if it is there and loose.
     */
    void dropUpper(Connection connection) throws SQLException {
        upperHalf.dropWhenLoose(connection, table(upper()));
    }

    /**
     * For a run interrupted by a stop (marked failed at the next start): drops its memberships' upper half if that was
     * committed and never attached. The rest was in the memberships' transaction: nothing is left of it.
     */
    static void dropLooseUpperHalf(JdbcClient jdbc, long runId) {
        jdbc.sql(UpperHalf.dropLoose(SqlTacticalMembership.partition(runId) + "_high")).update();
    }

    /** One half: its rows, constraints and indexes, by one process (the other half has the other core); its members per segment. */
    private Map<Long, Long> write(Connection connection, KeyRange range, StepTimes steps) throws SQLException {
        SqlTacticalMembership.execute(connection, "set local max_parallel_workers_per_gather = 0");
        SqlTacticalMembership.execute(connection, "set local max_parallel_maintenance_workers = 0");
        String table = table(range);
        SqlTacticalMembership.create(connection, fill.apply(range), table);
        steps.done("statement");
        SqlTacticalMembership.constrainAndIndex(connection, table, "run_id = " + runId + " and customer_key >= " + range.from()
                + " and customer_key < " + range.to(), steps);
        Map<Long, Long> members = SqlTacticalMembership.members(connection, table);
        steps.done("counts");
        return members;
    }
}
