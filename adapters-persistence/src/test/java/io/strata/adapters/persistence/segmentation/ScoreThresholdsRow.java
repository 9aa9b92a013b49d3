package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.testing.TestDatabase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The row of score thresholds an rfm-classic run computes ({@link AssignmentSql#scoreThresholds}), from the facts or
 * the orders, for the tests that hold its columns to oracles of their own: r's and f's first eight, the third score's
 * last four.
 */
final class ScoreThresholdsRow {

    /** Reads one column of the row. */
    interface Column<T> {
        T read(ResultSet row, int column) throws SQLException;
    }

    private ScoreThresholdsRow() {
    }

    /** Columns {@code first} to {@code last} (1-based, inclusive) of the row, for orders before {@code end}. */
    static <T> List<T> columns(Instant end, LocalDate asOf, boolean fromFacts, int first, int last, Column<T> column) throws SQLException {
        SqlPlan.Rfm plan = new SqlPlan.Rfm(SqlPlan.Third.MONETARY, SqlSegmentationRunTest.RFM_CLASSIC, "prospects");
        AssignmentSql query = AssignmentSql.scoreThresholds(plan, Timestamp.from(end), java.sql.Date.valueOf(asOf), fromFacts);
        try (Connection connection = TestDatabase.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(query.sql())) {
            for (int i = 0; i < query.parameters().size(); i++) {
                select.setObject(i + 1, query.parameters().get(i));
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                List<T> values = new ArrayList<>();
                for (int i = first; i <= last; i++) {
                    values.add(rs.getObject(i) == null ? null : column.read(rs, i));
                }
                return values;
            }
        }
    }
}
