package io.strata.adapters.persistence.segmentation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Runs one compiled plan inside PostgreSQL: every customer's assignment and the per-segment summary are written by
 * two set-based statements in one transaction; no customer row enters the JVM.
 */
final class SqlSegmentationRun {

    /** A segment as the summary shows it. */
    record SegmentLabel(String key, String name, int rank) {
    }

    private SqlSegmentationRun() {
    }

    static long execute(DataSource dataSource, long runId, SqlPlan plan, List<SegmentLabel> segments, LocalDate asOf) throws SQLException {
        Timestamp end = Timestamp.from(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        AssignmentSql assignment = AssignmentSql.compile(plan, runId, end, java.sql.Date.valueOf(asOf));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long customers;
                try (PreparedStatement insert = connection.prepareStatement(assignment.sql())) {
                    bind(insert, assignment.parameters());
                    customers = insert.executeLargeUpdate();
                }
                try (PreparedStatement summary = connection.prepareStatement("""
                        insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders)
                        select ?, s.key, s.name, s.rank, count(a.customer_key), coalesce(sum(a.monetary), 0), coalesce(sum(a.frequency), 0)
                        from unnest(?::text[], ?::text[], ?::int[]) as s(key, name, rank)
                        left join run_assignments a on a.run_id = ? and a.segment_key = s.key
                        group by s.key, s.name, s.rank""")) {
                    summary.setLong(1, runId);
                    summary.setArray(2, connection.createArrayOf("text", segments.stream().map(SegmentLabel::key).toArray()));
                    summary.setArray(3, connection.createArrayOf("text", segments.stream().map(SegmentLabel::name).toArray()));
                    summary.setArray(4, connection.createArrayOf("integer", segments.stream().map(SegmentLabel::rank).toArray()));
                    summary.setLong(5, runId);
                    summary.executeUpdate();
                }
                connection.commit();
                return customers;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, java.sql.Types.NUMERIC);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
