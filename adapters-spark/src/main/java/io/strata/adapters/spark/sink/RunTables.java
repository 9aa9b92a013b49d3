package io.strata.adapters.spark.sink;

import io.strata.adapters.spark.source.DatabaseAddress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Writes a Spark run's results into Strata's run tables, as the PostgreSQL engine does, so that every reader sees the
 * same rows: the executors insert in batches (JDBC, multi-row inserts) into the run's own table, which no reader sees
 * because it is not yet a partition; then one transaction indexes it, attaches it and writes the summary. A failure at
 * any point drops the table: nothing half-written is ever visible, and the previous run stays the current one.
 */
public final class RunTables {

    /** A segment as the summary shows it. */
    public record SegmentLabel(String key, String name, int rank) {
    }

    /** A tactical segment and the general segment it filters. */
    public record TacticalLabel(long tacticalId, String parentSegment) {
    }

    private final DatabaseAddress database;

    public RunTables(DatabaseAddress database) {
        this.database = database;
    }

    /** Rows: customer_key, segment_key, r, f, m, recency_days, frequency, monetary. Answers the customers assigned. */
    public long storeAssignments(long runId, Dataset<Row> assignments, List<SegmentLabel> segments) {
        String table = "run_assignments_" + runId; // built from the numeric run id only
        try {
            execute("drop table if exists " + table);
            execute("create table " + table + " (like run_assignments including defaults, check (run_id = " + runId + "))");
            assignments.selectExpr("cast(" + runId + " as bigint) as run_id", "customer_key", "segment_key", "r", "f", "m", "recency_days",
                    "frequency", "monetary").write().mode(SaveMode.Append).option("batchsize", "5000")
                    .jdbc(database.url(), table, database.properties());
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    long customers = count(connection, "select count(*) from " + table);
                    execute(connection, "alter table " + table + " add primary key (run_id, customer_key)");
                    execute(connection, "create index on " + table + " (run_id, segment_key, customer_key)");
                    execute(connection, "alter table run_assignments attach partition " + table + " for values in (" + runId + ")");
                    execute(connection, "analyze " + table);
                    summarise(connection, runId, table, segments);
                    connection.commit();
                    return customers;
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } catch (Exception e) {
            // Spark throws its checked SparkException (a cancelled job, a failed task) without declaring it
            dropQuietly(table);
            throw new RunNotStored("the assignments of run " + runId + " could not be written to " + database.url() + ": " + reason(e), e);
        }
    }

    /** Rows: tactical_id, customer_key. Every segment's size is written with it, in the same transaction. */
    public void storeMembers(long runId, Dataset<Row> members, List<TacticalLabel> segments) {
        String table = "tactical_members_" + runId;
        try {
            execute("drop table if exists " + table);
            execute("create table " + table + " (like tactical_members including defaults)");
            members.selectExpr("cast(" + runId + " as bigint) as run_id", "tactical_id", "customer_key").write().mode(SaveMode.Append)
                    .option("batchsize", "5000").jdbc(database.url(), table, database.properties());
            try (Connection connection = database.connect()) {
                connection.setAutoCommit(false);
                try {
                    execute(connection, "alter table " + table + " add primary key (run_id, tactical_id, customer_key)");
                    execute(connection, "create index on " + table + " (customer_key, run_id)");
                    execute(connection, "alter table tactical_members attach partition " + table + " for values in (" + runId + ")");
                    saveSizes(connection, runId, table, segments);
                    connection.commit();
                } catch (SQLException | RuntimeException e) {
                    connection.rollback();
                    throw e;
                }
            }
        } catch (Exception e) {
            // Spark throws its checked SparkException (a cancelled job, a failed task) without declaring it
            dropQuietly(table);
            throw new RunNotStored("the tactical segments of run " + runId + " could not be written to " + database.url() + ": " + reason(e), e);
        }
    }

    /** Counts, revenue and orders per segment, every segment listed even when empty, as the PostgreSQL engine writes them. */
    private static void summarise(Connection connection, long runId, String table, List<SegmentLabel> segments) throws SQLException {
        try (PreparedStatement summary = connection.prepareStatement("""
                insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders)
                select ?, s.key, s.name, s.rank, coalesce(a.customers, 0), coalesce(a.revenue, 0), coalesce(a.orders, 0)
                from unnest(?::text[], ?::text[], ?::int[]) as s(key, name, rank)
                left join (select segment_key, count(*) as customers, sum(monetary) as revenue, sum(frequency) as orders
                           from %s group by segment_key) a on a.segment_key = s.key""".formatted(table))) {
            summary.setLong(1, runId);
            summary.setArray(2, array(connection, "text", segments.stream().map(SegmentLabel::key).toArray()));
            summary.setArray(3, array(connection, "text", segments.stream().map(SegmentLabel::name).toArray()));
            summary.setArray(4, array(connection, "integer", segments.stream().map(SegmentLabel::rank).toArray()));
            summary.executeUpdate();
        }
    }

    private static void saveSizes(Connection connection, long runId, String table, List<TacticalLabel> segments) throws SQLException {
        try (PreparedStatement sizes = connection.prepareStatement("""
                insert into tactical_run_sizes (run_id, tactical_id, members, parent_customers)
                select ?, t.tactical_id, coalesce(m.members, 0), coalesce(p.customers, 0)
                from unnest(?::bigint[], ?::text[]) as t(tactical_id, parent)
                left join (select tactical_id, count(*) as members from %s group by tactical_id) m on m.tactical_id = t.tactical_id
                left join (select segment_key, count(*) as customers from run_assignments
                           where run_id = ? and segment_key = any(?::text[]) group by segment_key) p on p.segment_key = t.parent"""
                .formatted(table))) {
            sizes.setLong(1, runId);
            sizes.setArray(2, array(connection, "bigint", segments.stream().map(TacticalLabel::tacticalId).toArray()));
            sizes.setArray(3, array(connection, "text", segments.stream().map(TacticalLabel::parentSegment).toArray()));
            sizes.setLong(4, runId);
            sizes.setArray(5, array(connection, "text", segments.stream().map(TacticalLabel::parentSegment).distinct().toArray()));
            sizes.executeUpdate();
        }
    }

    private static Array array(Connection connection, String type, Object[] values) throws SQLException {
        return connection.createArrayOf(type, values);
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = database.connect()) {
            execute(connection, sql);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private void dropQuietly(String table) {
        try {
            execute("drop table if exists " + table);
        } catch (SQLException ignored) {
            // a later run of this id drops it before it starts; detached, nobody reads it
        }
    }

    /** The innermost message: Spark wraps a failed task several times over. */
    public static String reason(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    /** Nothing of the run was kept. */
    public static final class RunNotStored extends RuntimeException {
        public RunNotStored(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
