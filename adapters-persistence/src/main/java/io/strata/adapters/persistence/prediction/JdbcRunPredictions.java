package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.application.prediction.PatternScoring;
import io.strata.application.prediction.port.out.RunPredictions;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A run's predictions. Only the forecasts if alive of the distinct (x, T) travel to the database, a chunk at a time by
 * COPY into the run's partition ({@link ForecastsIfAliveOut}); every buyer's values are worked out at read by the view
 * run_customer_predictions: its P(alive) from the run's BG/NBD parameters, and the Gamma-Gamma expected value (the
 * formula of {@link GammaGamma#expectedAverageValue}).
 */
@Repository
public class JdbcRunPredictions implements RunPredictions {

    private static final Logger log = LoggerFactory.getLogger(JdbcRunPredictions.class);

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final int chunk;
    private final TransactionTemplate transaction;
    private final DatabaseSettings.Tuning tuning;
    @Autowired
    public JdbcRunPredictions(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, DatabaseSettings database) {
        this(jdbc, dataSource, transactions, database, ForecastsIfAliveOut.CHUNK);
    }

    /** {@code chunk}: patterns scored and written at once (tests make it small to cross chunk boundaries). */
    JdbcRunPredictions(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, DatabaseSettings database,
                       int chunk) {
        this.chunk = chunk;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.tuning = database.tuning();
        this.transaction = new TransactionTemplate(transactions);
    }

    @Override
    public void save(PredictionSummary summary, LocalDate asOf, Optional<PatternScoring> scoring, GammaGamma spend, boolean buyersCarried) {
        transaction.executeWithoutResult(status -> {
            long runId = summary.runId();
            jdbc.sql("delete from run_predictions where run_id = ?").param(runId).update();
            // a run's forecasts live in its own partition, made anew; rows of the run stored before changesets 470 and 270 go too
            jdbc.sql("drop table if exists " + forecastsPartition(runId)).update();
            jdbc.sql("drop table if exists " + patternForecastsPartition(runId)).update();
            jdbc.sql("drop table if exists run_customer_predictions_" + runId).update();
            jdbc.sql("delete from run_customer_predictions_stored where run_id = ?").param(runId).update();
            if (buyersCarried) {
                // a run's buyers are in one place: its assignment's rows here, never also a partition of run_prediction_buyers
                jdbc.sql("drop table if exists " + RunBuyers.table(runId)).update();
            }
            BgNbd bg = summary.bgNbd();
            GammaGamma gg = summary.gammaGamma();
            if (spend != null && !spend.equals(gg)) {
                // the view works the values out from the stored p, q and v: they must be the ones the forecasts go with
                throw new IllegalArgumentException("the spend model to store differs from the summary's");
            }
            jdbc.sql("""
                            insert into run_predictions (run_id, status, reason, customers, repeat_buyers, r, alpha, a, b, p, q, v,
                                                         log_likelihood, spend_correlation, horizon_months, monthly_discount,
                                                         buyers_in_assignments, forecasts_if_alive)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, true)""")
                    .params(runId, summary.status().name(), summary.reason(), summary.customers(), summary.repeatBuyers(),
                            bg == null ? null : bg.r(), bg == null ? null : bg.alpha(), bg == null ? null : bg.a(), bg == null ? null : bg.b(),
                            gg == null ? null : gg.p(), gg == null ? null : gg.q(), gg == null ? null : gg.v(), summary.logLikelihood(),
                            summary.spendCorrelation(), summary.horizonMonths(), summary.monthlyDiscount(), buyersCarried)
                    .update();
            storeCustomers(runId, asOf, scoring, buyersCarried);
        });
    }

    /**
     * The per-customer part is the run's buyer table itself, attached as its partition of run_prediction_buyers; what is
     * written is one row of forecasts if alive per distinct (x, T) (changeset 470; one per (x, t_x, T) pattern with its
     * P(alive) from changeset 270 until then). P(alive), the expected purchases, the expected purchase value and predicted
     * value are worked out at read by the view run_customer_predictions from the run's fitted parameters. A run not fitted
     * has no forecasts: its buyers read with empty predicted fields. When the run's assignment carries its buyers
     * ({@code buyersCarried}), its rows of run_assignments are the per-customer part (the view reads them) and only the
     * forecasts are written: the (x, T) are those of the patterns the fit read, or, when it took a sample, those of the
     * patterns grouped on the run's snapshot (JdbcPurchaseHistories).
     */
    private void storeCustomers(long runId, LocalDate asOf, Optional<PatternScoring> scoring, boolean buyersCarried) {
        long started = System.nanoTime();
        String table = RunBuyers.table(runId);
        String partition = forecastsPartition(runId);
        // the grouping of the buyers into patterns (and, without the buyer table, its aggregation) in memory, not on disk
        jdbc.sql("set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'").update();
        // one process: the store usually overlaps the end of the assignment, whose index builds take both cores
        jdbc.sql("set local max_parallel_workers_per_gather = 0").update();
        jdbc.sql("set local max_parallel_maintenance_workers = 0").update();
        boolean loose = RunBuyers.loose(jdbc, runId);
        if (!loose && !buyersCarried) {
            // the run's buyers are aggregated once into its table (PurchaseHistories.ofRun); without it, here
            jdbc.sql("drop table if exists " + table).update();
            jdbc.sql(RunBuyers.create(runId, asOf, RunBuyers.factsCover(jdbc, asOf))).update();
        }
        // the (x, T) of the patterns the fit read (all of them, when it took no sample) are scored as they are; otherwise grouped here
        Optional<List<BuyerAge>> held = loose || buyersCarried ? scoring.flatMap(PatternScoring::held) : Optional.empty();
        jdbc.sql("create table " + partition + " (like run_forecasts_if_alive including defaults, check (run_id = " + runId + "))").update();
        if (held.isPresent()) {
            ForecastsIfAliveOut.write(dataSource, held.get(), partition, runId, scoring.get(), chunk);
        } else if (scoring.isPresent()) {
            if (!buyersCarried) {
                RunBuyers.createPatterns(jdbc, runId);
            } else if (!RunBuyers.hasPatterns(jdbc, runId)) {
                throw new IllegalStateException("run " + runId + ": the patterns to score were not grouped on the run's snapshot");
            }
            ForecastsIfAliveOut.write(dataSource, RunBuyers.patterns(runId), partition, runId, scoring.get(), chunk);
        }
        jdbc.sql("drop table if exists " + RunBuyers.patterns(runId)).update();
        long scored = System.nanoTime();
        // the key built once over the loaded rows (written in its order), then adopted by the parent's when attaching
        jdbc.sql("alter table " + partition + " add primary key (run_id, x, age_days)").update();
        jdbc.sql("alter table run_forecasts_if_alive attach partition " + partition + " for values in (" + runId + ")").update();
        long forecastsStored = System.nanoTime();
        if (!buyersCarried) {
            RunBuyers.attach(jdbc, runId);
        }
        long attached = System.nanoTime();
        jdbc.sql("analyze " + partition).update();
        if (!buyersCarried) {
            jdbc.sql("analyze " + table).update();
        }
        log.info("run {}: (x, T) scored and their forecasts if alive copied in {} ms, indexed and attached in {} ms; buyers attached in {} ms,"
                        + " analysed in {} ms", runId, (scored - started) / 1_000_000, (forecastsStored - scored) / 1_000_000,
                (attached - forecastsStored) / 1_000_000, (System.nanoTime() - attached) / 1_000_000);
    }

    /** No connection is taken: the forecasts' COPY bytes are made as {@link #save} makes them, and dropped. */
    @Override
    public long warmUp(List<BuyerAge> ages, PatternScoring scoring) {
        return ForecastsIfAliveOut.warmUp(ages, scoring, chunk);
    }

    /** The run's own partition of run_forecasts_if_alive; the name is built from the numeric run id only. */
    static String forecastsPartition(long runId) {
        return "run_forecasts_if_alive_" + runId;
    }

    /** A run's partition of run_pattern_forecasts, where runs stored before changeset 470 keep their forecasts. */
    static String patternForecastsPartition(long runId) {
        return "run_pattern_forecasts_" + runId;
    }

    @Override
    public Optional<PredictionSummary> find(long runId) {
        return jdbc.sql("select * from run_predictions where run_id = ?").param(runId).query((rs, n) -> summary(rs)).optional();
    }

    private static PredictionSummary summary(ResultSet rs) throws SQLException {
        boolean fitted = rs.getString("status").equals(PredictionStatus.FITTED.name());
        return new PredictionSummary(rs.getLong("run_id"), PredictionStatus.valueOf(rs.getString("status")), rs.getString("reason"),
                rs.getLong("customers"), rs.getLong("repeat_buyers"),
                fitted ? new BgNbd(rs.getDouble("r"), rs.getDouble("alpha"), rs.getDouble("a"), rs.getDouble("b")) : null,
                fitted ? new GammaGamma(rs.getDouble("p"), rs.getDouble("q"), rs.getDouble("v")) : null,
                (Double) rs.getObject("log_likelihood"), (Double) rs.getObject("spend_correlation"), rs.getInt("horizon_months"),
                rs.getDouble("monthly_discount"));
    }

    @Override
    public void streamCustomers(long runId, Consumer<CustomerPredictionRow> rows) {
        // in a transaction, so that the driver reads through a cursor instead of holding every row
        transaction.executeWithoutResult(status -> jdbc.sql("""
                        select c.customer_id, p.p_alive, p.expected_purchases_30d, p.expected_purchases_90d, p.expected_purchases_365d,
                               p.expected_purchase_value, p.predicted_value
                        from run_customer_predictions p join customers c using (customer_key) where p.run_id = ? order by c.customer_id""")
                .param(runId)
                .withFetchSize(10_000)
                .query(rs -> {
                    rows.accept(row(rs));
                }));
    }

    /**
     * A completed run's rows never change, so its averages are worked out once (one pass over its assignments), stored
     * (changeset 250) for the dashboard and segment pages to read: a read of one row.
     */
    @Override
    public Map<String, Double> averagePredictedValueBySegment(long runId) {
        Optional<Map<String, Double>> stored = storedAveragePredictedValueBySegment(runId);
        if (stored.isPresent()) {
            return stored.get();
        }
        Map<String, Double> bySegment = new java.util.TreeMap<>();
        jdbc.sql("""
                        select a.segment_key, avg(p.predicted_value) from run_assignments a
                        join run_customer_predictions p on p.customer_key = a.customer_key
                        where a.run_id = ? and p.run_id = ? and p.predicted_value is not null group by a.segment_key""")
                .params(runId, runId).query(rs -> {
                    bySegment.put(rs.getString(1), rs.getDouble(2));
                });
        Map<String, Double> result = Map.copyOf(bySegment);
        // stored only for a completed run (whose rows no longer change); a second worker's row wins, it holds the same
        jdbc.sql("""
                        insert into run_predicted_value_averages (run_id, segment_keys, averages)
                        select run_id, ?::text[], ?::float8[] from segmentation_runs where run_id = ? and status = 'COMPLETED'
                        on conflict (run_id) do nothing""")
                .params(bySegment.keySet().toArray(String[]::new), bySegment.values().toArray(Double[]::new), runId).update();
        return result;
    }

    @Override
    public Optional<Map<String, Double>> storedAveragePredictedValueBySegment(long runId) {
        return jdbc.sql("select segment_keys, averages from run_predicted_value_averages where run_id = ?")
                .param(runId).query((rs, n) -> {
                    String[] keys = (String[]) rs.getArray(1).getArray();
                    Double[] values = (Double[]) rs.getArray(2).getArray();
                    Map<String, Double> bySegment = new java.util.TreeMap<>();
                    for (int i = 0; i < keys.length; i++) {
                        bySegment.put(keys[i], values[i]);
                    }
                    return Map.copyOf(bySegment);
                }).optional();
    }

    @Override
    public Optional<CustomerPredictionRow> latestFor(String customerId) {
        // the customer's key given as a value: the view's union is not probed through a join clause, but a value reaches
        // each run's customer index (run_prediction_buyers and the stored rows)
        return jdbc.sql("""
                        select c.customer_id, p.p_alive, p.expected_purchases_30d, p.expected_purchases_90d, p.expected_purchases_365d,
                               p.expected_purchase_value, p.predicted_value
                        from customers c join run_customer_predictions p using (customer_key)
                             join segmentation_runs r on r.run_id = p.run_id and r.status = 'COMPLETED'
                        where c.customer_id = ? and p.customer_key = (select customer_key from customers where customer_id = ?)
                        order by p.run_id desc limit 1""")
                .params(customerId, customerId).query((rs, n) -> row(rs)).optional();
    }

    private static CustomerPredictionRow row(ResultSet rs) throws SQLException {
        return new CustomerPredictionRow(rs.getString(1), (Double) rs.getObject(2), (Double) rs.getObject(3), (Double) rs.getObject(4),
                (Double) rs.getObject(5), (Double) rs.getObject(6), (Double) rs.getObject(7));
    }
}
