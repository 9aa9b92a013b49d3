package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.PatternScoring;
import io.strata.domain.prediction.NotFitted;
import io.strata.domain.prediction.PatternForecast;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The held (x, T)'s forecasts if alive go into the run's partition by one COPY through one reused buffer (since session 40;
 * per (x, T) since changeset 470):
 * every row arrives, in order, with every double to the last bit, whatever the chunks and wherever the buffer fills;
 * a scoring that fails half-way leaves nothing behind and the connection usable. The oracle for each value is the
 * made-up forecast itself (distinct, awkward doubles computed in the test), compared bit for bit.
 */
class ForecastsCopyTest {

    private static final long RUN = 9_404;
    private static final String TABLE = "forecasts_copy_test";

    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
    private final TransactionTemplate transaction = new TransactionTemplate(new JdbcTransactionManager(TestDatabase.dataSource()));

    @BeforeEach
    void fresh() {
        TestDatabase.execute("drop table if exists " + TABLE);
    }

    /** 2,501 (x, T): more than two buffers' worth (840 rows fill one), in chunks of 7, which end nowhere near them. */
    private static List<BuyerAge> patterns(int n) {
        List<BuyerAge> patterns = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            patterns.add(new BuyerAge(i % 37, 11 + i));
        }
        return patterns;
    }

    private static PatternForecast.IfAlive forecastOf(BuyerAge p) {
        double seed = p.ageDays() * 1.000000000000000222 + p.x() / 3.0;
        return new PatternForecast.IfAlive(Math.PI * seed, Math.nextUp(seed / 7), -0.0 + Math.sqrt(seed), Math.ulp(seed) * 1e10 + seed / 11);
    }

    private static PatternScoring scoring(List<Integer> chunks) {
        return chunk -> {
            chunks.add(chunk.size());
            return chunk.stream().map(ForecastsCopyTest::forecastOf).toList();
        };
    }

    @Test
    void everyRowArrivesInOrderToTheLastBitThroughOneCopy() {
        List<BuyerAge> patterns = patterns(2_501);
        List<Integer> chunks = new ArrayList<>();
        List<Long> copying = new ArrayList<>();
        List<Long> copied = new ArrayList<>();
        long[] receivedBeforeTheEnd = {0};
        PatternScoring scoring = scoring(chunks);
        BuyerAge last = patterns.get(patterns.size() - 1);

        transaction.executeWithoutResult(status -> {
            jdbc.sql("create table " + TABLE + " (like run_forecasts_if_alive including defaults)").update();
            long table = jdbc.sql("select ?::regclass::oid").param(TABLE).query(Long.class).single();
            // seen from another connection while each chunk is scored: one COPY open from before the first to after the last
            ForecastsIfAliveOut.write(TestDatabase.dataSource(), patterns, TABLE, RUN, chunk -> {
                copying.add(copiesInProgress(table));
                copied.add(rowsCopiedSoFar(table));
                if (chunk.get(chunk.size() - 1).equals(last)) {
                    // the two buffers handed on before the last chunk reach the server while the COPY is still open; how
                    // soon depends on the machine (a loaded one once showed 0 at this point), so wait for them, up to a limit
                    receivedBeforeTheEnd[0] = rowsReceivedWithin(table, Duration.ofSeconds(20));
                }
                return scoring.forecastsIfAlive(chunk);
            }, 7);
        });

        assertThat(chunks).hasSize(358).allMatch(size -> size <= 7);
        assertThat(chunks.stream().mapToInt(Integer::intValue).sum()).isEqualTo(2_501);
        assertThat(copying).hasSize(358).containsOnly(1L);
        // one COPY's count of rows received grows from chunk to chunk as the buffer fills and goes (840 rows a buffer): a
        // COPY per chunk would start again from 0 at each chunk
        assertThat(copied).isSorted().startsWith(0L);
        assertThat(receivedBeforeTheEnd[0]).as("rows the open COPY received before the last chunk was scored").isPositive();
        assertThat(copiesInProgress(null)).isZero();
        List<long[]> stored = jdbc.sql("select run_id, x, age_days, float8send(e30), float8send(e90),"
                        + " float8send(e365), float8send(discounted) from " + TABLE + " order by age_days")
                .query((rs, n) -> new long[] {rs.getLong(1), rs.getInt(2), rs.getInt(3), bits(rs.getBytes(4)), bits(rs.getBytes(5)),
                        bits(rs.getBytes(6)), bits(rs.getBytes(7))}).list();
        assertThat(stored).hasSize(2_501);
        for (int i = 0; i < patterns.size(); i++) {
            BuyerAge p = patterns.get(i);
            PatternForecast.IfAlive f = forecastOf(p);
            assertThat(stored.get(i)).as("row %d", i).containsExactly(RUN, p.x(), p.ageDays(), Double.doubleToRawLongBits(f.purchases30d()),
                    Double.doubleToRawLongBits(f.purchases90d()), Double.doubleToRawLongBits(f.purchases365d()),
                    Double.doubleToRawLongBits(f.discountedPurchases()));
        }
    }

    @Test
    void aScoringThatFailsHalfWayCancelsTheCopyAndLeavesTheConnectionUsable() {
        List<BuyerAge> patterns = patterns(2_501);
        PatternScoring failing = chunk -> {
            if (chunk.get(0).ageDays() > 1_000) {
                throw new NotFitted("no finite forecast for the test's pattern");
            }
            return chunk.stream().map(ForecastsCopyTest::forecastOf).toList();
        };

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            jdbc.sql("create table " + TABLE + " (like run_forecasts_if_alive including defaults)").update();
            ForecastsIfAliveOut.write(TestDatabase.dataSource(), patterns, TABLE, RUN, failing, 7);
        })).isInstanceOf(NotFitted.class);

        // rolled back (the table with it), and the pool's connections still answer
        assertThat(jdbc.sql("select to_regclass(?) is null").param(TABLE).query(Boolean.class).single()).isTrue();
        Integer answer = transaction.execute(status -> jdbc.sql("select 1").query(Integer.class).single());
        assertThat(answer).isEqualTo(1);
    }

    /**
     * The rows' bytes end to end, through a buffer that holds the header and one row (so it is handed on at every row)
     * and through the store's buffer, are the same, and are COPY's binary format written out here: the header once, then
     * per row a field count of 7 and each field's length and value (run, x, T, four doubles: 78 bytes), then a count of −1.
     */
    @Test
    void theBytesAreTheSameWhereverTheBufferFills() throws Exception {
        List<BuyerAge> patterns = patterns(2_501);
        List<PatternForecast.IfAlive> forecasts = patterns.stream().map(ForecastsCopyTest::forecastOf).toList();
        ByteBuffer expected = ByteBuffer.allocate(19 + 2_501 * 78 + 2);
        expected.put(new byte[] {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0});
        for (int i = 0; i < patterns.size(); i++) {
            BuyerAge p = patterns.get(i);
            PatternForecast.IfAlive f = forecasts.get(i);
            expected.putShort((short) 7).putInt(8).putLong(RUN).putInt(4).putInt(p.x()).putInt(4).putInt(p.ageDays());
            for (double value : new double[] {f.purchases30d(), f.purchases90d(), f.purchases365d(), f.discountedPurchases()}) {
                expected.putInt(8).putDouble(value);
            }
        }
        expected.putShort((short) -1);

        for (int capacity : new int[] {19 + 78, 19 + 78 + 1, 1_000, ForecastsIfAliveOut.PIECE}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Integer> handed = new ArrayList<>();
            ForecastsIfAliveOut.Rows rows = new ForecastsIfAliveOut.Rows(ByteBuffer.allocate(capacity), (bytes, length) -> {
                handed.add(length);
                out.write(bytes, 0, length);
            });
            rows.header();
            rows.add(RUN, patterns.subList(0, 600), forecasts.subList(0, 600));
            rows.add(RUN, patterns.subList(600, 2_501), forecasts.subList(600, 2_501));
            rows.end();
            assertThat(out.toByteArray()).as("buffer of %d bytes", capacity).isEqualTo(expected.array());
            assertThat(handed).as("buffer of %d bytes", capacity).allSatisfy(length -> assertThat(length).isBetween(1, capacity));
        }
        assertThatThrownBy(() -> new ForecastsIfAliveOut.Rows(ByteBuffer.allocate(19 + 77), (bytes, length) -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /**
     * COPYs into {@code table} (its oid; any table when null) running now, seen from a connection of its own (taken from
     * the pool directly: inside the test's transaction a JdbcClient would use the transaction's connection, busy with
     * the COPY). By the table, not by {@code command = 'COPY FROM'}: the server answers the client's COPY (CopyInResponse)
     * before it sets the progress's command, so the first chunk, scored at once, once saw no COPY FROM (CI of stop 46)
     * while the COPY's row, with its table, is there from the start.
     */
    private static long copiesInProgress(Long table) {
        return progress("count(*)", table);
    }

    /** Rows the running COPY into {@code table} has received, once some have arrived or {@code patience} has passed. */
    private static long rowsReceivedWithin(long table, Duration patience) {
        long until = System.nanoTime() + patience.toNanos();
        long received = rowsCopiedSoFar(table);
        while (received == 0 && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            received = rowsCopiedSoFar(table);
        }
        return received;
    }

    /** Rows the running COPY into {@code table} has received so far (0 when none runs). */
    private static long rowsCopiedSoFar(long table) {
        return progress("coalesce(max(tuples_processed), 0)", table);
    }

    private static long progress(String aggregate, Long table) {
        try (Connection connection = TestDatabase.dataSource().getConnection();
             PreparedStatement query = connection.prepareStatement("select " + aggregate + " from pg_stat_progress_copy"
                     + " where (?::oid is null or relid = ?::oid) and datid = (select oid from pg_database where datname = current_database())")) {
            query.setObject(1, table, Types.BIGINT);
            query.setObject(2, table, Types.BIGINT);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long bits(byte[] float8) {
        return ByteBuffer.wrap(float8).getLong();
    }
}
