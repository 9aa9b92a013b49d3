package io.strata.adapters.persistence.prediction;

import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.PatternScoring;
import io.strata.domain.prediction.PatternForecast;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a run's distinct patterns a chunk at a time and writes each chunk's forecasts by binary COPY into the run's
 * partition of {@code run_pattern_forecasts} before the next chunk is scored. The patterns are those the fit read and
 * the scorer holds (at most the fit's bound), or, beyond the bound, come through a cursor on the same connection (a COPY
 * runs between two fetches), so the JVM holds one chunk whatever the number of patterns.
 */
final class PatternForecastsOut {

    /** Patterns scored and written at once: a few megabytes of objects at most. */
    static final int CHUNK = 20_000;

    private PatternForecastsOut() {
    }

    /**
     * {@code patterns}: a table of the run's distinct patterns ({@link RunBuyers#createPatterns}), read through a cursor.
     * Both writes must run inside the transaction that created the table {@code forecasts}.
     */
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
                        out(copy, forecasts, runId, read, scoring.forecasts(read), false);
                        read.clear();
                    }
                }
                if (!read.isEmpty()) {
                    out(copy, forecasts, runId, read, scoring.forecasts(read), false);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the patterns' forecasts could not be written: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL's binary COPY signature, flags and header extension (no OIDs, no extension). */
    static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /**
     * The patterns the scorer holds (every one of the run's, in scoring order), a chunk at a time: nothing read. The rows
     * go in frozen ({@code COPY … FREEZE}: the table is made in this transaction, as {@code forecasts} must be, and no
     * cursor is open): visible to all and marked so in the visibility map as they are written, so that neither the key's
     * build, the analyze, the first readers nor a vacuum later visit them again to set hint bits or freeze them (since
     * session 36). The cursor's path above cannot: COPY FREEZE refuses to run while a portal is open.
     */
    static void write(DataSource dataSource, List<BuyerPattern> patterns, String forecasts, long runId, PatternScoring scoring, int chunk) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            for (int from = 0; from < patterns.size(); from += chunk) {
                List<BuyerPattern> read = patterns.subList(from, Math.min(patterns.size(), from + chunk));
                out(copy, forecasts, runId, read, scoring.forecasts(read), true);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the patterns' forecasts could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * One chunk in COPY's binary format: each double travels as its 8 IEEE bytes, so the stored value is the computed one
     * to the last bit without formatting it as text in the JVM (Double.toString) and parsing it in the server (float8in),
     * which for five doubles a pattern cost more than the scoring itself. Put into one array of the chunk's exact size
     * (a {@link ByteBuffer}, big-endian as COPY wants): a DataOutputStream over a ByteArrayOutputStream wrote it byte by
     * byte through synchronized calls, a tenth of the predictions' JVM time (session 34).
     */
    private static void out(CopyManager copy, String table, long runId, List<BuyerPattern> patterns, List<PatternForecast> forecasts,
                            boolean freeze) throws SQLException, IOException {
        ByteBuffer rows = encode(runId, patterns, forecasts);
        copy.copyIn("copy " + table + " (run_id, x, recency_days, age_days, p_alive, e30, e90, e365, discounted) from stdin (format binary"
                        + (freeze ? ", freeze)" : ")"),
                new ByteArrayInputStream(rows.array(), 0, rows.position()));
    }

    /**
     * The warm-up at start (PredictionService.warmUp): the patterns scored a chunk at a time and each chunk's COPY
     * bytes made exactly as {@link #out} makes them, then dropped; nothing is sent to the database. What comes back is
     * the number of bytes made, which the warm-up reports.
     */
    static long warmUp(List<BuyerPattern> patterns, PatternScoring scoring, int chunk) {
        long bytes = 0;
        for (int from = 0; from < patterns.size(); from += chunk) {
            List<BuyerPattern> read = patterns.subList(from, Math.min(patterns.size(), from + chunk));
            bytes += encode(0, read, scoring.forecasts(read)).position();
        }
        return bytes;
    }

    /** A chunk's rows as COPY's binary format, from the buffer's start to its position. */
    private static ByteBuffer encode(long runId, List<BuyerPattern> patterns, List<PatternForecast> forecasts) {
        ByteBuffer rows = ByteBuffer.allocate(BINARY_HEADER.length + patterns.size() * ROW_BYTES + 2);
        rows.put(BINARY_HEADER);
        for (int i = 0; i < patterns.size(); i++) {
            BuyerPattern p = patterns.get(i);
            PatternForecast f = forecasts.get(i);
            rows.putShort((short) 9);
            rows.putInt(8).putLong(runId);
            rows.putInt(4).putInt(p.x());
            rows.putInt(4).putInt(p.recencyDays());
            rows.putInt(4).putInt(p.ageDays());
            rows.putInt(8).putDouble(f.probabilityAlive());
            rows.putInt(8).putDouble(f.purchases30d());
            rows.putInt(8).putDouble(f.purchases90d());
            rows.putInt(8).putDouble(f.purchases365d());
            rows.putInt(8).putDouble(f.discountedPurchases());
        }
        rows.putShort((short) -1);
        return rows;
    }

    /** A row's bytes: the field count, then each field's length and value (bigint, three integers, five doubles). */
    static final int ROW_BYTES = 2 + (4 + 8) + 3 * (4 + 4) + 5 * (4 + 8);
}
