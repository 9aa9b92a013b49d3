package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.BuyerPattern;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.HoldoutPattern;
import io.strata.application.prediction.port.out.PurchaseHistories;
import io.strata.application.segmentation.AssignmentPace;
import io.strata.application.segmentation.RunSnapshot;
import io.strata.domain.prediction.PatternColumns;
import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.SpendColumns;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Buyers' facts from the orders, set-based. The buyers are aggregated once into a table (or read straight from the
 * purchase facts); what the JVM then keeps is bounded whatever the number of customers: the distinct (x, t_x, T)
 * patterns with their counts (counted as the buyers stream by in one scan) and the repeat buyers' spends, both into
 * primitive columns, each from a deterministic sample of the buyers when there are more than {@link FitBounds} allow.
 */
@Repository
public class JdbcPurchaseHistories implements PurchaseHistories {

    private static final Logger log = LoggerFactory.getLogger(JdbcPurchaseHistories.class);

    /** What a sample keeps of its bound: a binomial sample of that size exceeds it by 7 standard deviations at 500,000. */
    private static final double SAMPLE_MARGIN = 0.99;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private final TransactionTemplate runTransaction;
    private final TransactionTemplate snapshotTransaction;
    private final DatabaseSettings.Tuning tuning;

    public JdbcPurchaseHistories(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, DatabaseSettings database) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setReadOnly(true);
        this.runTransaction = new TransactionTemplate(transactions);
        this.snapshotTransaction = new TransactionTemplate(transactions);
        this.snapshotTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.tuning = database.tuning();
    }

    @Override
    public BuyerFacts asOf(LocalDate asOf, FitBounds bounds) {
        return runTransaction.execute(status -> {
            jdbc.sql("set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'").update();
            jdbc.sql(RunBuyers.createAs("create temporary table buyers_as_of on commit drop", 0, asOf, RunBuyers.factsCover(jdbc, asOf))).update();
            return read("buyers_as_of", bounds, AssignmentPace.NONE);
        });
    }

    @Override
    public BuyerFacts ofRun(long runId, LocalDate asOf, Optional<RunSnapshot> snapshot, Runnable snapshotRead, FitBounds bounds) {
        String table = RunBuyers.table(runId);
        return (snapshot.isPresent() ? snapshotTransaction : runTransaction).execute(status -> {
            if (snapshot.isPresent()) {
                // the first statement of a repeatable-read transaction: from here on it reads what the assignment reads
                jdbc.sql("set transaction snapshot '" + snapshot.get().id() + "'").update();
                snapshotRead.run();
                // beside the assignment's statement, which keeps one core busy: one process here, not a leader and its
                // parallel workers competing with it for the other core (docs/benchmarks.md, "Session 30: predictions")
                jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
            }
            // the aggregation by customer and day, and the grouping into patterns, in memory instead of spilling to disk
            jdbc.sql("set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'").update();
            jdbc.sql("drop table if exists " + table).update();
            boolean fromFacts = RunBuyers.factsCover(jdbc, asOf);
            if (snapshot.isPresent() && snapshot.get().buyersCarried()) {
                if (!fromFacts) {
                    // the engine decided on this same snapshot with the same test: never, unless the two tests part
                    throw new IllegalStateException("the run's assignment carries its buyers, but the purchase facts do not cover " + asOf);
                }
                // the assignment writes each buyer's pattern into its rows (the run's buyers, read through the view):
                // the patterns and spends are read straight from the facts, no buyer table is written nor indexed
                String buyers = RunBuyers.fromFacts(asOf);
                BuyerFacts facts = read(buyers, bounds, snapshot.get().pace());
                if (facts.patternsSampled() && !facts.buyersSampled()) {
                    // the store scores every pattern of the run: grouped here, on the run's snapshot
                    RunBuyers.createPatterns(jdbc, runId, buyers);
                }
                log.info("run {}: buyers read from the purchase facts, their patterns carried by the assignment", runId);
                return facts;
            }
            jdbc.sql(RunBuyers.create(runId, asOf, fromFacts)).update();
            log.info("run {}: buyers {}", runId, fromFacts ? "read from the purchase facts" : "aggregated from the orders (the run's date is before the latest order)");
            return read(table, bounds, snapshot.map(RunSnapshot::pace).orElse(AssignmentPace.NONE));
        });
    }

    /**
     * Made-up buyers for the predictions' warm-up at start, generated by the query {@link #WARM_UP_BUYERS} and read by
     * {@link #read} exactly as a run's buyers are (the binary COPY, the tally of patterns, the spends' sample), in a
     * read-only transaction: nothing is written, not even a temporary table (PostgreSQL refuses any write in it).
     */
    @Override
    public BuyerFacts warmUpBuyers(FitBounds bounds) {
        return transaction.execute(status -> read(WARM_UP_BUYERS, bounds, AssignmentPace.NONE));
    }

    /** How many made-up buyers the warm-up reads: enough for more patterns and repeat buyers than the fit's sample. */
    static final int WARM_UP_CUSTOMERS = 40_000;

    /**
     * {@link #WARM_UP_CUSTOMERS} buyers shaped as bench/prediction-benchmark.sh's (a first purchase in the two years
     * before the as-of day, an active span of exponential length, mean 200 days, an exponential number of further
     * purchase days, mean 3.25, within it; repeat averages around 61 with a spread shrinking as 1/√x), so that the
     * code compiled on them takes the branches a run's takes (both models on their large-base path, BG/NBD's forecasts
     * on its ridge). Deterministic: the uniforms come from a hash of the buyer's number, not from random().
     */
    static final String WARM_UP_BUYERS = """
            (select i::bigint as customer_key, x,
                    (case when x > 0 then x + floor(u4 * (span - x + 1)) else 0 end)::int as recency_days, first_ago as age_days,
                    case when x > 0 then greatest(1, 61 + 35 * sqrt(-2 * ln(u5)) * cos(2 * pi() * u6) / sqrt(x))::float8 end as repeat_average
             from (select i, first_ago, span, least(floor(-ln(u3) * 3.25)::int, span) as x, u4, u5, u6
                   from (select i, floor(u1 * 730)::int as first_ago, least(floor(u1 * 730), floor(-ln(u2) * 200))::int as span, u3, u4, u5, u6
                         from (select i, %s as u1, %s as u2, %s as u3, %s as u4, %s as u5, %s as u6
                               from generate_series(1, %d) i) uniforms) spans) counts) warm_up_buyers"""
            .formatted(uniform(1), uniform(2), uniform(3), uniform(4), uniform(5), uniform(6), WARM_UP_CUSTOMERS);

    /** A uniform number in (0, 1) from the buyer's number i and a seed: 31 bits of a stable hash. */
    private static String uniform(int seed) {
        return "(((hashint8extended(i, " + seed + ") & 2147483647) + 0.5) / 2147483648.0)::float8";
    }

    /**
     * The buyers of {@code table} (a table, or a parenthesised query with an alias) as the fit needs them, in one scan:
     * each buyer streams by once, is counted into its (x, t_x, T) pattern ({@link PatternTally}) and, if a repeat buyer,
     * kept with its spend ({@link SpendSample}). The same patterns and spends, to the last bit and in the same order, as
     * grouping the patterns in PostgreSQL and reading the spends in a second scan did (session 32), with less of the
     * database's work beside the assignment: one scan of the facts, no hash aggregation of a million rows, no numbers
     * printed as text (3.6 s against 2.4 s in psql; docs/benchmarks.md, "Session 33: predictions, one scan"). Patterns are put in order here ({@link PatternOrder}), spends in key
     * order ({@link KeyOrder}): the sample must be the same set, summed in the same order, at every read of the same base
     * (a scan's order is not fixed: synchronized scans start mid-table), or Gamma-Gamma moves along a flat ridge. When
     * the patterns are more than the bound, those of a sample of the buyers are read instead, in a second query. Every
     * {@link #BATCHES_BETWEEN_PAUSES} batches the read gives way to the assignment beside it ({@code pace}): while its
     * statement's parallel workers keep both cores busy, the COPY waits (its backend too, once the socket is full).
     */
    private BuyerFacts read(String table, FitBounds bounds, AssignmentPace pace) {
        // with a bound on the buyers, first every buyer's (x, T) and the counts (one aggregation, a few thousand rows):
        // beyond the bound only a sample of the buyers is sent and tallied for the fit
        Optional<AllBuyers> all = bounds.buyers() == Integer.MAX_VALUE ? Optional.empty() : Optional.of(allBuyers(table));
        Optional<Double> share = all.filter(a -> a.customers() > bounds.buyers()).map(a -> SAMPLE_MARGIN * bounds.buyers() / a.customers());
        long[] customers = new long[1];
        PatternTally tally = new PatternTally(bounds.patterns());
        SpendSample spends = new SpendSample(bounds.repeatBuyers(), SAMPLE_MARGIN);
        // the hash that picks a sample of the spends, for repeat buyers only: whether one is needed is known at the end
        String sql = "copy (select customer_key, x, recency_days, age_days, repeat_average, case when x > 0 then " + HASH + " end from "
                + table + share.map(s -> " where " + sampled(s)).orElse("") + ") to stdout (format binary)";
        // on the transaction's connection, as a binary COPY: a million rows' numbers are neither printed by PostgreSQL nor
        // parsed here (a float8 travels as its 8 bytes: the same double), and the driver keeps each row as one array of
        // bytes, not one per field as a result set does (docs/benchmarks.md, "Session 34: predictions")
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try (PGCopyInputStream copy = new PGCopyInputStream(connection.unwrap(PGConnection.class), sql)) {
            CopyRows rows = new CopyRows(copy);
            int batches = 0;
            while (batch(rows, tally, spends, customers)) {
                if (++batches % BATCHES_BETWEEN_PAUSES == 0) {
                    pace.giveWay();
                }
            }
            rows.end();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the buyers could not be read: " + e.getMessage(), e);
        } finally {
            // a no-op inside the read's transaction (its manager closes the connection); outside one it goes back
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        boolean patternsSampled = tally.exceeded();
        long allCustomers = all.map(AllBuyers::customers).orElse(customers[0]);
        // a sample of the patterns within a sample of the buyers: the smaller share of the same hash, a subset of both
        PatternColumns.Builder fitted = patternsSampled
                ? patterns(table, sampled(Math.min(share.orElse(1.0), SAMPLE_MARGIN * bounds.patterns() / allCustomers)), bounds.patterns())
                : tally.patterns().inOrder();
        if (share.isPresent()) {
            log.info("the models are fitted on a sample of {} of {} buyers", customers[0], allCustomers);
            // the counts are every buyer's (the contract's customers and repeat buyers, the refusal for too few), and every
            // buyer's (x, T) is scored
            return new BuyerFacts(fitted.build(), spends.spends(), allCustomers, all.get().repeatBuyers(), patternsSampled, true,
                    all.get().ages());
        }
        return new BuyerFacts(fitted.build(), spends.spends(), customers[0], spends.repeatBuyers(), patternsSampled, spends.sampled());
    }

    /** Every buyer's counts and distinct (x, T) in scoring order (x, then T, each once), from one aggregation. */
    private record AllBuyers(long customers, long repeatBuyers, List<BuyerAge> ages) {
    }

    /**
     * The buyers of {@code table} grouped by (x, T): some 13,500 groups at a million buyers, a hash aggregation without
     * a sort in PostgreSQL; the groups are put in scoring order here, packed into one long each and sorted as primitives
     * (x and T are non-negative ints), as {@link BuyerFacts#agesInScoringOrder} orders the patterns' pairs.
     */
    private AllBuyers allBuyers(String table) {
        long[] counts = new long[2];
        List<Long> packed = new ArrayList<>();
        jdbc.sql("select x, age_days, count(*) from " + table + " group by x, age_days")
                .query(rs -> {
                    int x = rs.getInt(1);
                    long buyers = rs.getLong(3);
                    counts[0] += buyers;
                    counts[1] += x > 0 ? buyers : 0;
                    packed.add((long) x << 31 | rs.getInt(2));
                });
        long[] sorted = packed.stream().mapToLong(Long::longValue).sorted().toArray();
        BuyerAge[] ages = new BuyerAge[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            ages[i] = new BuyerAge((int) (sorted[i] >>> 31), (int) (sorted[i] & Integer.MAX_VALUE));
        }
        return new AllBuyers(counts[0], counts[1], List.of(ages));
    }

    /**
     * Buyers a {@link #batch} takes: few, so that the warm-up's 40,000 buyers call it often enough (over 1,000 times a
     * pass) for the JIT to compile the method itself, not only its loop.
     */
    static final int BATCH = 32;

    /** Batches between two looks at the assignment's pace: 512 buyers, well under a millisecond of reading. */
    static final int BATCHES_BETWEEN_PAUSES = 16;

    /**
     * The next {@link #BATCH} buyers of the COPY into the tally and the spends; false once the rows are over. A method
     * called per batch rather than one loop over a million rows: the JIT compiles a method called often as a whole,
     * during the warm-up at start, and the runs then use that code. A loop run once per run over a million rows was
     * compiled anew in the first run after a start (on-stack replacement, then the method again: 0.8 s and 1.1 s of a
     * compiler thread beside the assignment, docs/benchmarks.md "Session 36: predictions").
     */
    private static boolean batch(CopyRows rows, PatternTally tally, SpendSample spends, long[] customers) throws IOException {
        for (int i = 0; i < BATCH; i++) {
            if (!rows.next(6)) {
                return false;
            }
            long key = rows.int8();
            int x = rows.int4();
            customers[0]++;
            tally.add(x, rows.int4(), rows.int4());
            if (x > 0) {
                spends.add(key, x, rows.float8(), rows.int8());
            } else {
                rows.skip();
                rows.skip();
            }
        }
        return true;
    }

    /** At most {@code most} patterns of the buyers that pass {@code filter}, in weeks, in a fixed order. */
    private PatternColumns.Builder patterns(String table, String filter, int most) {
        PatternColumns.Builder patterns = new PatternColumns.Builder(1024);
        jdbc.sql("select x, recency_days, age_days, count(*) from " + table + " where " + filter
                        + " group by x, recency_days, age_days order by x, recency_days, age_days limit " + most)
                .withFetchSize(10_000)
                .query(rs -> {
                    patterns.add(rs.getInt(1), PatternForecast.weeks(rs.getInt(2)), PatternForecast.weeks(rs.getInt(3)), rs.getLong(4));
                });
        return patterns;
    }

    /** A buyer's key hashed as a non-negative bigint: the hash PostgreSQL's hash partitioning relies on (stable across releases). */
    private static final String HASH = "(hashint8extended(customer_key, 0) & 9223372036854775807)";

    /**
     * The buyers a stable hash of their key keeps, about {@code share} of them, so that the same base always gives the
     * same sample. The threshold is a number computed here, never user text.
     */
    static String sampled(double share) {
        return HASH + " < " + threshold(share);
    }

    /** The hash ({@link #HASH}) below which a buyer is in a sample of about {@code share} of them. */
    static long threshold(double share) {
        return (long) (Math.min(1, share) * Long.MAX_VALUE);
    }

    @Override
    public void release(long runId) {
        // once the run's predictions are stored the table is their per-customer part (a partition): kept
        if (RunBuyers.loose(jdbc, runId)) {
            jdbc.sql("drop table if exists " + RunBuyers.table(runId)).update();
        }
        jdbc.sql("drop table if exists " + RunBuyers.patterns(runId)).update();
    }

    @Override
    public void holdout(LocalDate cutoff, LocalDate end, Consumer<HoldoutPattern> patterns) {
        // in a transaction, so that PostgreSQL's driver reads through a cursor, 10,000 rows at a time, not all at once
        transaction.executeWithoutResult(status -> jdbc.sql("with " + BuyerSql.PURCHASE_DAYS + """
                        , buyers as (
                            select (count(*) filter (where day <= :cutoff) - 1)::int as x,
                                   (max(day) filter (where day <= :cutoff) - first_day)::int as recency_days,
                                   (:cutoff::date - first_day)::int as age_days,
                                   count(*) filter (where day > :cutoff) as actual
                            from dated group by customer_key, first_day having first_day <= :cutoff
                        )
                        select x, recency_days, age_days, count(*), sum(actual) from buyers group by x, recency_days, age_days""")
                .param("end", BuyerSql.endOf(end)).param("cutoff", Date.valueOf(cutoff))
                .withFetchSize(10_000)
                .query(rs -> {
                    patterns.accept(new HoldoutPattern(new BuyerPattern(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getLong(4)), rs.getLong(5)));
                }));
    }
}
