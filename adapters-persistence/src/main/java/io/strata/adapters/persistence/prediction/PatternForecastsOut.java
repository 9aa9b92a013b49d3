package io.strata.adapters.persistence.prediction;

import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.PatternScoring;
import io.strata.domain.prediction.PatternForecast;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.StringReader;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a run's distinct patterns a chunk at a time and writes each chunk's forecasts by COPY into the run's partition
 * of {@code run_pattern_forecasts} before the next chunk is read: the patterns come through a cursor on the same connection
 * (a COPY runs between two fetches), so the JVM holds one chunk whatever the number of patterns.
 */
final class PatternForecastsOut {

    /** Patterns scored and written at once: a few megabytes of objects at most. */
    static final int CHUNK = 20_000;

    private PatternForecastsOut() {
    }

    /** Must run inside the transaction that created the table {@code forecasts}. */
    /** {@code patterns}: the run's distinct patterns, grouped once ({@link RunBuyers#createPatterns}). */
    static void write(DataSource dataSource, String patterns, String forecasts, long runId, PatternScoring scoring, int chunk) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            // ordered by x and T, so that the patterns sharing a forecast if alive (x, T) fall into one chunk
            statement.setFetchSize(chunk);
            try (ResultSet rs = statement.executeQuery("select x, recency_days, age_days from " + patterns
                    + " order by x, age_days, recency_days")) {
                List<BuyerPattern> read = new ArrayList<>(chunk);
                while (rs.next()) {
                    read.add(new BuyerPattern(rs.getInt(1), rs.getInt(2), rs.getInt(3), 1));
                    if (read.size() == chunk) {
                        out(copy, forecasts, runId, read, scoring.forecasts(read));
                        read.clear();
                    }
                }
                if (!read.isEmpty()) {
                    out(copy, forecasts, runId, read, scoring.forecasts(read));
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the patterns' forecasts could not be written: " + e.getMessage(), e);
        }
    }

    private static void out(CopyManager copy, String table, long runId, List<BuyerPattern> patterns, List<PatternForecast> forecasts)
            throws SQLException, IOException {
        StringBuilder rows = new StringBuilder(patterns.size() * 96);
        for (int i = 0; i < patterns.size(); i++) {
            BuyerPattern p = patterns.get(i);
            PatternForecast f = forecasts.get(i);
            // Double.toString is exact and PostgreSQL's float8 input reads it back to the same double
            rows.append(runId).append('\t').append(p.x()).append('\t').append(p.recencyDays()).append('\t').append(p.ageDays()).append('\t')
                    .append(f.probabilityAlive()).append('\t').append(f.purchases30d()).append('\t').append(f.purchases90d()).append('\t')
                    .append(f.purchases365d()).append('\t').append(f.discountedPurchases()).append('\n');
        }
        copy.copyIn("copy " + table + " (run_id, x, recency_days, age_days, p_alive, e30, e90, e365, discounted) from stdin",
                new StringReader(rows.toString()));
    }
}
