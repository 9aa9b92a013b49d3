package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.segmentation.SqlSegmentationEngine;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.BuyerAge;
import io.strata.application.prediction.BuyerFacts;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.PatternScoring;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.application.segmentation.RunSnapshot;
import io.strata.domain.prediction.FitPolicy;
import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.ValueModel;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A run whose assignment carries its buyers' patterns (the purchase facts cover its date, its predictions run beside it
 * on its snapshot: RunSnapshot.buyersCarried) writes no buyer table: its predictions read the patterns and spends
 * straight from the facts and the view reads its buyers from its rows of run_assignments. Oracle: the same data read
 * the way every run read it before (the buyer table from the facts, and from an aggregation of the orders themselves):
 * the same patterns and spends to the fit, the same fitted models to the last digit, and every customer's row of the
 * view the same, to the last bit (each worked out by the same SQL from the same stored doubles), through every read (the CSV's stream, the customer page, averages per segment).
 * Data: 400 generated customers (a fixed seed) whose orders fall at any time of day (UTC days), several on one day,
 * returns and zero totals among them; some never buy.
 */
class CarriedBuyersTest extends PredictionStoreFixture {

    static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    /** Read as every run read them before: the buyer table from the facts, then from the orders. */
    static final long FACTS_TABLE_RUN = 9_301;
    private static final long ORDERS_TABLE_RUN = 9_302;
    /** The carried path; the latest run, so that the customer page reads it. */
    static final long CARRIED_RUN = 9_303;
    private static final FitPolicy POLICY = new FitPolicy(10, 0.9);

    /** What the carried run's predictions read, at the last {@link #threeRuns}. */
    private BuyerFacts carriedFacts;
    final SqlSegmentationEngine engine = new SqlSegmentationEngine(TestDatabase.dataSource(), FieldCatalogue::builtInOnly, SETTINGS);

    /** The engine of the carried run: the application's (one table for these 400 customers); its halves in a subclass. */
    SqlSegmentationEngine carriedEngine() {
        return engine;
    }

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + FACTS_TABLE_RUN
                + ", 1, '2024-06-30', 'COMPLETED'), (" + ORDERS_TABLE_RUN + ", 1, '2024-06-30', 'COMPLETED'), (" + CARRIED_RUN
                + ", 1, '2024-06-30', 'COMPLETED')");
        TestDatabase.execute("insert into customers (customer_id) select 'c' || lpad(i::text, 3, '0') from generate_series(1, 400) i");
        Random random = new Random(20_261_204);
        StringBuilder orders = new StringBuilder();
        Instant end = AS_OF.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int n = 0;
        for (int c = 1; c <= 400; c++) {
            if (random.nextInt(10) == 0) {
                continue; // never bought
            }
            long firstAgo = random.nextInt(730);
            long span = Math.min(firstAgo, (long) (-Math.log(1 - random.nextDouble()) * 200));
            int further = (int) (-Math.log(1 - random.nextDouble()) * 3.25);
            Instant first = end.minusSeconds((firstAgo + 1) * 86_400);
            for (int g = 0; g <= further; g++) {
                long day = g == 0 ? 0 : random.nextInt((int) span + 1);
                // any second of the day, and now and then a second order that same UTC day
                Instant at = first.plusSeconds(day * 86_400 + random.nextInt(86_400));
                int orderCount = random.nextInt(6) == 0 ? 2 : 1;
                for (int k = 0; k < orderCount; k++) {
                    int kind = random.nextInt(14);
                    String total = kind == 0 ? "0" : kind == 1 ? "-" + (1 + random.nextInt(30)) + ".5"
                            : (1 + random.nextInt(150)) + "." + String.format("%02d", random.nextInt(100));
                    orders.append(n++ == 0 ? "" : ", ").append("('c").append(String.format("%03d", c)).append("', timestamptz '")
                            .append(at.plusSeconds(k * 60L)).append("', ").append(total).append(")");
                }
            }
        }
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) "
                + "select nextval('order_key_blocks'), 'o' || nextval('order_key_blocks'), c.customer_key, o.at, o.total, 1 "
                + "from (values " + orders + ") o (customer_id, at, total) join customers c using (customer_id)");
        TestDatabase.refreshPurchaseFacts();
    }

    @Test
    void theCarriedPathGivesEveryCustomerTheRowsOfTheBuyerTable() {
        Map<Long, ValueModel.Fitted> fits = threeRuns(FitBounds.DEFAULT);

        assertThat(fits.get(CARRIED_RUN)).isEqualTo(fits.get(FACTS_TABLE_RUN)).isEqualTo(fits.get(ORDERS_TABLE_RUN));
        List<String> carried = viewRows(CARRIED_RUN);
        assertThat(carried).hasSizeGreaterThan(300);
        assertThat(carried).containsExactlyElementsOf(viewRows(FACTS_TABLE_RUN)).containsExactlyElementsOf(viewRows(ORDERS_TABLE_RUN));
        // every buyer has a forecast: the carried patterns are those scored
        assertThat(jdbc.sql("select count(*) from run_customer_predictions where run_id = ? and p_alive is null").param(CARRIED_RUN)
                .query(Long.class).single()).isZero();

        List<CustomerPredictionRow> carriedCsv = new ArrayList<>();
        List<CustomerPredictionRow> tableCsv = new ArrayList<>();
        predictions.streamCustomers(CARRIED_RUN, carriedCsv::add);
        predictions.streamCustomers(FACTS_TABLE_RUN, tableCsv::add);
        assertThat(carriedCsv).isEqualTo(tableCsv);
        // the customer page reads the latest run, the carried one, through its customer's assignment row
        for (CustomerPredictionRow row : tableCsv) {
            assertThat(predictions.latestFor(row.customerId())).contains(row);
        }
        Map<String, Double> carriedAverages = predictions.averagePredictedValueBySegment(CARRIED_RUN);
        Map<String, Double> tableAverages = predictions.averagePredictedValueBySegment(FACTS_TABLE_RUN);
        assertThat(carriedAverages.keySet()).isEqualTo(tableAverages.keySet()).isNotEmpty();
        carriedAverages.forEach((segment, average) -> assertThat(average).isCloseTo(tableAverages.get(segment), within(1e-9)));

        // the carried run wrote no buyer table; the other runs' buyers are not in their assignments
        assertThat(jdbc.sql("select to_regclass(?) is null").param(RunBuyers.table(CARRIED_RUN)).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("select count(*) from run_assignments where run_id = ? and buyer_x is not null").param(FACTS_TABLE_RUN)
                .query(Long.class).single()).isZero();
    }

    @Test
    void aSampledFitScoresEveryPatternTheRunsAssignmentCarries() {
        Map<Long, ValueModel.Fitted> fits = threeRuns(new FitBounds(150, 100));
        assertThat(List.of(carriedFacts.patternsSampled(), carriedFacts.spendsSampled())).containsExactly(true, true);

        assertThat(fits.get(CARRIED_RUN)).isEqualTo(fits.get(FACTS_TABLE_RUN));
        assertThat(viewRows(CARRIED_RUN)).containsExactlyElementsOf(viewRows(FACTS_TABLE_RUN));
        assertThat(jdbc.sql("select count(*) from run_customer_predictions where run_id = ? and p_alive is null").param(CARRIED_RUN)
                .query(Long.class).single()).isZero();
    }

    /**
     * Beyond {@link FitBounds#buyers} (100 here, of some 360 buyers) the fit reads a sample of the buyers: those whose
     * {@code hashint8extended(customer_key, 0) & (2^63 - 1)} is below 0.99 · 100 / buyers of 2^63 - 1 (the threshold
     * worked out here from that rule), the same in every run and on every path; the counts the contract shows are every
     * buyer's, and every buyer is scored (the forecasts hold every buyer's (x, T), counted here by SQL).
     */
    @Test
    void beyondTheBuyersBoundTheFitReadsASampleAndEveryBuyerIsScored() {
        Map<Long, ValueModel.Fitted> fits = threeRuns(new FitBounds(500_000, 500_000, 100));

        long buyers = count("select count(*) from customer_purchase_facts where purchase_days > 0");
        long repeatBuyers = count("select count(*) from customer_purchase_facts where purchase_days > 1");
        long threshold = (long) (0.99 * 100 / buyers * Long.MAX_VALUE);
        long sampled = count("select count(*) from customer_purchase_facts where purchase_days > 0 and (hashint8extended(customer_key, 0) & 9223372036854775807) < "
                + threshold);
        long sampledRepeat = count("select count(*) from customer_purchase_facts where purchase_days > 1 and (hashint8extended(customer_key, 0) & 9223372036854775807) < "
                + threshold);
        assertThat(buyers).isGreaterThan(300);
        assertThat(sampled).isBetween(60L, 140L);
        assertThat(carriedFacts.buyersSampled()).isTrue();
        assertThat(carriedFacts.patterns().totalBuyers()).isEqualTo(sampled);
        assertThat(carriedFacts.spends().size()).isEqualTo(sampledRepeat);
        assertThat(List.of(carriedFacts.customers(), carriedFacts.repeatBuyers())).containsExactly(buyers, repeatBuyers);
        // the same sample, the same fit, on every path (the buyer tables and the carried facts)
        assertThat(fits.get(CARRIED_RUN)).isEqualTo(fits.get(FACTS_TABLE_RUN)).isEqualTo(fits.get(ORDERS_TABLE_RUN));
        assertThat(viewRows(CARRIED_RUN)).containsExactlyElementsOf(viewRows(FACTS_TABLE_RUN)).containsExactlyElementsOf(viewRows(ORDERS_TABLE_RUN));

        for (long run : List.of(CARRIED_RUN, FACTS_TABLE_RUN)) {
            assertThat(jdbc.sql("select customers || ' ' || repeat_buyers from run_predictions where run_id = ?").param(run).query(String.class).single())
                    .isEqualTo(buyers + " " + repeatBuyers);
            assertThat(count("select count(*) from run_customer_predictions where run_id = " + run + " and p_alive is not null")).isEqualTo(buyers);
            assertThat(count("select count(*) from run_forecasts_if_alive where run_id = " + run))
                    .isEqualTo(count("select count(*) from (select distinct purchase_days, first_purchase_day from customer_purchase_facts where purchase_days > 0) p"));
        }
    }

    /** A base with fewer buyers than the bound is read whole and fitted exactly as without a bound on the buyers. */
    @Test
    void belowTheBuyersBoundEverythingIsAsWithoutOne() {
        BuyerFacts whole = histories.asOf(AS_OF, new FitBounds(500_000, 500_000));
        BuyerFacts bounded = histories.asOf(AS_OF, new FitBounds(500_000, 500_000, 400));

        assertThat(whole.customers()).isBetween(300L, 400L);
        assertThat(bounded.buyersSampled()).isFalse();
        assertThat(bounded.patternsInDays()).containsExactlyElementsOf(whole.patternsInDays());
        assertThat(spends(bounded)).containsExactlyElementsOf(spends(whole));
        assertThat(List.of(bounded.customers(), bounded.repeatBuyers())).containsExactly(whole.customers(), whole.repeatBuyers());
        assertThat(ValueModel.fit(bounded.patterns(), bounded.spends(), POLICY, bounded.customers(), bounded.repeatBuyers()))
                .isEqualTo(ValueModel.fit(whole.patterns(), whole.spends(), POLICY, whole.customers(), whole.repeatBuyers()));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    /** A row written through the view by hand replaces the carried buyer's row: the view has it once, as written. */
    @Test
    void aRowWrittenThroughTheViewReplacesTheCarriedOne() {
        threeRuns(FitBounds.DEFAULT);
        long customer = jdbc.sql("select min(customer_key) from run_customer_predictions where run_id = ?").param(CARRIED_RUN)
                .query(Long.class).single();
        jdbc.sql("insert into run_customer_predictions (run_id, customer_key, x, recency_days, age_days, p_alive, predicted_value) "
                + "values (?, ?, 0, 0, 1, 0.5, 7)").params(CARRIED_RUN, customer).update();

        assertThat(jdbc.sql("select p_alive || '|' || predicted_value from run_customer_predictions where run_id = ? and customer_key = ?")
                .params(CARRIED_RUN, customer).query(String.class).list()).containsExactly("0.5|7");
        assertThat(jdbc.sql("select segment_key is not null from run_assignments where run_id = ? and customer_key = ?")
                .params(CARRIED_RUN, customer).query(Boolean.class).single()).isTrue();
    }

    /**
     * The two runs read as before (buyer tables, from the facts and from the orders), then the carried one: its assignment
     * (rfm-classic) hands its snapshot to the predictions as a run does, which read the buyers on it; each run fitted on
     * what it read and stored.
     */
    Map<Long, ValueModel.Fitted> threeRuns(FitBounds bounds) {
        engine.assign(FACTS_TABLE_RUN, SegmentationTemplates.instantiate("rfm-classic", "t"), AS_OF);
        BuyerFacts fromTable = histories.ofRun(FACTS_TABLE_RUN, AS_OF, Optional.empty(), () -> { }, bounds);
        ValueModel.Fitted factsTable = fitAndStore(FACTS_TABLE_RUN, fromTable, false);

        AtomicReference<RunSnapshot> shared = new AtomicReference<>();
        AtomicReference<BuyerFacts> read = new AtomicReference<>();
        carriedEngine().assign(CARRIED_RUN, SegmentationTemplates.instantiate("rfm-classic", "t"), AS_OF, snapshot -> {
            shared.set(snapshot);
            read.set(histories.ofRun(CARRIED_RUN, AS_OF, Optional.of(snapshot), () -> { }, bounds));
        });
        assertThat(shared.get().buyersCarried()).isTrue();
        carriedFacts = read.get();
        ValueModel.Fitted carried = fitAndStore(CARRIED_RUN, read.get(), true);
        histories.release(CARRIED_RUN);
        // the fit's input itself, in its order: the patterns, and the spends to the last bit
        assertThat(read.get().patternsInDays()).containsExactlyElementsOf(fromTable.patternsInDays());
        assertThat(spends(read.get())).containsExactlyElementsOf(spends(fromTable));
        assertThat(List.of(read.get().patternsSampled(), read.get().spendsSampled()))
                .containsExactly(fromTable.patternsSampled(), fromTable.spendsSampled());
        assertThat(jdbc.sql("select buyers_in_assignments from run_predictions where run_id = ?").param(CARRIED_RUN)
                .query(Boolean.class).single()).isTrue();

        // no horizon: the facts are not trusted, the orders are aggregated
        TestDatabase.execute("update purchase_facts_horizon set latest_ordered_at = null");
        ValueModel.Fitted ordersTable = fitAndStore(ORDERS_TABLE_RUN, histories.ofRun(ORDERS_TABLE_RUN, AS_OF, Optional.empty(), () -> { }, bounds),
                false);
        return Map.of(FACTS_TABLE_RUN, factsTable, CARRIED_RUN, carried, ORDERS_TABLE_RUN, ordersTable);
    }

    ValueModel.Fitted fitAndStore(long run, BuyerFacts facts, boolean buyersCarried) {
        ValueModel model = ValueModel.fit(facts.patterns(), facts.spends(), POLICY, facts.customers(), facts.repeatBuyers());
        assertThat(model).isInstanceOf(ValueModel.Fitted.class);
        ValueModel.Fitted fit = (ValueModel.Fitted) model;
        // as PredictionService hands them over
        Optional<List<BuyerAge>> held = facts.agesToScore();
        predictions.save(new PredictionSummary(run, PredictionStatus.FITTED, null, fit.customers(), fit.repeatBuyers(), fit.bgNbd(),
                fit.gammaGamma(), fit.logLikelihood(), fit.spendCorrelation(), HORIZON.months(), HORIZON.monthlyDiscount()), AS_OF,
                Optional.of(new PatternScoring() {
                    @Override
                    public List<PatternForecast.IfAlive> forecastsIfAlive(List<BuyerAge> chunk) {
                        return ifAlive(fit, chunk);
                    }

                    @Override
                    public Optional<List<BuyerAge>> held() {
                        return held;
                    }
                }), fit.gammaGamma(), buyersCarried);
        return fit;
    }

    private static List<String> spends(BuyerFacts facts) {
        List<String> spends = new ArrayList<>();
        for (int i = 0; i < facts.spends().size(); i++) {
            spends.add(facts.spends().x(i) + "|" + Long.toHexString(Double.doubleToRawLongBits(facts.spends().average(i))));
        }
        return spends;
    }

    /** Every row of the run in the view, customer by customer, each double as its exact bits. */
    List<String> viewRows(long run) {
        return jdbc.sql("""
                        select customer_key, x, recency_days, age_days, repeat_average, p_alive, expected_purchases_30d, expected_purchases_90d,
                               expected_purchases_365d, expected_purchase_value, predicted_value
                        from run_customer_predictions where run_id = ? order by customer_key""")
                .param(run)
                .query((rs, i) -> {
                    StringBuilder row = new StringBuilder();
                    for (int c = 1; c <= 11; c++) {
                        Object value = rs.getObject(c);
                        row.append(c == 1 ? "" : "|").append(value instanceof Double d ? Long.toHexString(Double.doubleToRawLongBits(d)) : value);
                    }
                    return row.toString();
                }).list();
    }
}
