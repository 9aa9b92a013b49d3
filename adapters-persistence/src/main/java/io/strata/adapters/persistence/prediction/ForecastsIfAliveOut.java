package io.strata.adapters.persistence.prediction;

import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.PatternScoring;
import io.strata.domain.prediction.PatternForecast;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores a run's distinct (x, T) pairs a chunk at a time and writes each chunk's forecasts if alive by binary COPY into
 * the run's partition of {@code run_forecasts_if_alive} before the next chunk is scored (through one buffer of
 * {@link #PIECE} bytes). The pairs are those of the patterns the fit read (the scorer holds them), or, beyond the fit's
 * bound, come through a cursor on the same connection (a COPY runs between two fetches), so the JVM holds one chunk
 * whatever the number of pairs. Until changeset 470 every (x, t_x, T) pattern was scored and written with its P(alive):
 * 457,000 rows at a million buyers against some 20,000 now (docs/predictions.md, "Storage").
 */
final class ForecastsIfAliveOut {

    /** Pairs scored and written at once: a few megabytes of objects at most. */
    static final int CHUNK = 20_000;

    private ForecastsIfAliveOut() {
    }

    /**
     * {@code patterns}: a table of the run's distinct patterns ({@link RunBuyers#createPatterns}), whose (x, T) are read
     * through a cursor. Both writes must run inside the transaction that created the table {@code forecasts}.
     */
    static void write(DataSource dataSource, String patterns, String forecasts, long runId, PatternScoring scoring, int chunk) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (Statement statement = connection.createStatement()) {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            ByteBuffer buffer = ByteBuffer.allocate(PIECE);
            // in the key's order, so that its build finds the rows sorted
            statement.setFetchSize(chunk);
            try (ResultSet rs = statement.executeQuery("select x, age_days from " + patterns + " group by x, age_days order by x, age_days")) {
                List<BuyerAge> read = new ArrayList<>(chunk);
                while (rs.next()) {
                    read.add(new BuyerAge(rs.getInt(1), rs.getInt(2)));
                    if (read.size() == chunk) {
                        // one COPY a chunk: a COPY cannot stay open between two fetches of the cursor
                        copyChunks(copy, forecasts, runId, read, scoring, read.size(), buffer, false);
                        read.clear();
                    }
                }
                if (!read.isEmpty()) {
                    copyChunks(copy, forecasts, runId, read, scoring, read.size(), buffer, false);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the forecasts if alive could not be written: " + e.getMessage(), e);
        }
    }

    /** PostgreSQL's binary COPY signature, flags and header extension (no OIDs, no extension). */
    static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0};

    /**
     * Bytes the rows are put into before they go out: about 800 rows. A buffer of a whole chunk (2.4 MB for 20,000
     * patterns) was a new humongous object for G1 at every chunk, 23 of them a run at a million buyers, each one a
     * trigger for a concurrent marking of the heap beside the assignment (until session 40); this one is allocated once
     * per store, stays young and under G1's humongous size (half a region: 512 KB at the default heap of 512 MB).
     */
    static final int PIECE = 1 << 16;

    /**
     * The (x, T) the scorer holds (every one of the run's, in scoring order), scored a chunk at a time and written by
     * one COPY through one buffer ({@link #PIECE}): nothing read. The rows go in frozen ({@code COPY … FREEZE}: the
     * table is made in this transaction, as {@code forecasts} must be, and no cursor is open): visible to all and marked
     * so in the visibility map as they are written, so that neither the key's build, the analyze, the first readers nor
     * a vacuum later visit them again to set hint bits or freeze them (since session 36). The cursor's path above
     * cannot: COPY FREEZE refuses to run while a portal is open. Until session 40 each chunk was a COPY of its own.
     */
    static void write(DataSource dataSource, List<BuyerAge> ages, String forecasts, long runId, PatternScoring scoring, int chunk) {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
            copyChunks(copy, forecasts, runId, ages, scoring, chunk, ByteBuffer.allocate(PIECE), true);
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the forecasts if alive could not be written: " + e.getMessage(), e);
        }
    }

    /**
     * One COPY of {@code ages}' forecasts if alive, scored {@code chunk} at a time, in COPY's binary format: each double
     * travels as its 8 IEEE bytes, so the stored value is the computed one to the last bit without formatting it as text
     * in the JVM (Double.toString) and parsing it in the server (float8in). A scoring that fails (no finite forecast)
     * cancels the COPY; the caller's transaction then rolls back.
     */
    private static void copyChunks(CopyManager copy, String table, long runId, List<BuyerAge> ages, PatternScoring scoring,
                                   int chunk, ByteBuffer buffer, boolean freeze) throws SQLException, IOException {
        CopyIn in = copy.copyIn("copy " + table + " (run_id, x, age_days, e30, e90, e365, discounted) from stdin"
                + " (format binary" + (freeze ? ", freeze)" : ")"));
        try {
            Rows rows = new Rows(buffer, (bytes, length) -> in.writeToCopy(bytes, 0, length));
            rows.header();
            for (int from = 0; from < ages.size(); from += chunk) {
                List<BuyerAge> read = ages.subList(from, Math.min(ages.size(), from + chunk));
                rows.add(runId, read, scoring.forecastsIfAlive(read));
            }
            rows.end();
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /**
     * The warm-up at start (PredictionService.warmUp): the (x, T) scored a chunk at a time and their COPY bytes made
     * exactly as {@link #copyChunks} makes them, through the same buffer, then dropped; nothing is sent to the database.
     * What comes back is the number of bytes made, which the warm-up reports.
     */
    static long warmUp(List<BuyerAge> ages, PatternScoring scoring, int chunk) {
        long[] bytes = new long[1];
        Rows rows = new Rows(ByteBuffer.allocate(PIECE), (made, length) -> bytes[0] += length);
        try {
            rows.header();
            for (int from = 0; from < ages.size(); from += chunk) {
                List<BuyerAge> read = ages.subList(from, Math.min(ages.size(), from + chunk));
                rows.add(0, read, scoring.forecastsIfAlive(read));
            }
            rows.end();
        } catch (SQLException e) {
            throw new IllegalStateException(e); // the warm-up's sink throws nothing
        }
        return bytes[0];
    }

    /** Where full buffers go: the COPY, or (warm-up) nowhere. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int length) throws SQLException;
    }

    /**
     * Rows in COPY's binary format (big-endian, as COPY wants) put into one buffer and handed to the sink whenever the
     * next row would not fit: the bytes the sink sees, end to end, are the header, every row in order and the trailer.
     */
    static final class Rows {

        private final ByteBuffer buffer;
        private final Sink sink;

        Rows(ByteBuffer buffer, Sink sink) {
            if (buffer.capacity() < BINARY_HEADER.length + ROW_BYTES) {
                throw new IllegalArgumentException("a buffer of " + buffer.capacity() + " bytes holds no row");
            }
            this.buffer = buffer.clear();
            this.sink = sink;
        }

        void header() {
            buffer.put(BINARY_HEADER);
        }

        /** The (x, T) rows with their forecasts if alive, in order. */
        void add(long runId, List<BuyerAge> ages, List<PatternForecast.IfAlive> forecasts) throws SQLException {
            for (int i = 0; i < ages.size(); i++) {
                if (buffer.remaining() < ROW_BYTES) {
                    flush();
                }
                BuyerAge p = ages.get(i);
                PatternForecast.IfAlive f = forecasts.get(i);
                buffer.putShort((short) 7);
                buffer.putInt(8).putLong(runId);
                buffer.putInt(4).putInt(p.x());
                buffer.putInt(4).putInt(p.ageDays());
                buffer.putInt(8).putDouble(f.purchases30d());
                buffer.putInt(8).putDouble(f.purchases90d());
                buffer.putInt(8).putDouble(f.purchases365d());
                buffer.putInt(8).putDouble(f.discountedPurchases());
            }
        }

        /** The trailer (a field count of −1), and whatever the buffer still holds goes to the sink. */
        void end() throws SQLException {
            if (buffer.remaining() < 2) {
                flush();
            }
            buffer.putShort((short) -1);
            flush();
        }

        private void flush() throws SQLException {
            if (buffer.position() > 0) {
                sink.write(buffer.array(), buffer.position());
                buffer.clear();
            }
        }
    }

    /** A row's bytes: the field count, then each field's length and value (bigint, two integers, four doubles). */
    static final int ROW_BYTES = 2 + (4 + 8) + 2 * (4 + 4) + 4 * (4 + 8);
}
