package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

/**
 * A run's forecasts are stored once per (x, T) (changeset 470; once per (x, t_x, T) pattern since changeset 270) and the
 * values worked out per customer at read: customers sharing a pattern share its forecasts but not their expected
 * value, which follows each one's own repeat average; customers sharing x and T but not t_x share the forecasts if
 * alive but not P(alive). Values worked out by hand with Gamma-Gamma's conditional expectation
 * p (v + x m) / (p x + q - 1) at p 6.249, q 3.745, v 15.45, and BG/NBD's P(alive) at CDNOW's r, α, a, b.
 */
class PatternSharedValuesTest extends PredictionStoreFixture {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final long RUN = 9_201;
    private static final long OLD_RUN = 9_202;

    private final ValueModel.Fitted model = new ValueModel.Fitted(BG, GG, -1, 3, 2, 0);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c3'), ('c7'), ('c8'), ('c9')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN
                + ", 1, '2024-06-30', 'COMPLETED'), (" + OLD_RUN + ", 1, '2024-06-30', 'COMPLETED')");
        // c3 and c7 share the pattern x 1, t_x 60, T 150; c3's repeat average is 100, c7's 40
        order("c3", "2024-02-01T09:00:00Z", 70);
        order("c3", "2024-04-01T09:00:00Z", 100);
        order("c7", "2024-02-01T10:00:00Z", 10);
        order("c7", "2024-04-01T10:00:00Z", 40);
        // c8: one purchase day, x 0, T 20: the population mean p v / (q - 1)
        order("c8", "2024-06-10T09:00:00Z", 15);
        // c9: x 1 and T 150 as c3 and c7, but its repeat purchase 29 days after the first (t_x 29), average 40
        order("c9", "2024-02-01T11:00:00Z", 10);
        order("c9", "2024-03-01T11:00:00Z", 40);
    }

    @Test
    void customersOfOnePatternShareItsForecastsButEachHasTheValueOfItsOwnRepeatAverage() {
        histories.ofRun(RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        predictions.save(new PredictionSummary(RUN, PredictionStatus.FITTED, null, 4, 3, BG, GG, -1.0, 0.0, 12, 0.01), AS_OF,
                Optional.of(scoring(model)), GG);

        assertThat(jdbc.sql("select count(*) from run_forecasts_if_alive where run_id = ?").param(RUN).query(Long.class).single())
                .as("one forecast row per (x, T): three patterns, two (x, T)").isEqualTo(2);
        Map<String, CustomerPredictionRow> stored = new TreeMap<>();
        predictions.streamCustomers(RUN, row -> stored.put(row.customerId(), row));
        assertThat(stored).containsOnlyKeys("c3", "c7", "c8", "c9");
        CustomerPredictionRow c3 = stored.get("c3");
        CustomerPredictionRow c7 = stored.get("c7");
        // 6.249 (15.45 + 100) / (6.249 + 3.745 - 1) and 6.249 (15.45 + 40) / 8.994
        assertThat(c3.expectedPurchaseValue()).isCloseTo(80.21425950633756, within(1e-9));
        assertThat(c7.expectedPurchaseValue()).isCloseTo(38.52646764509673, within(1e-9));
        // 6.249 * 15.45 / 2.745
        assertThat(stored.get("c8").expectedPurchaseValue()).isCloseTo(35.17196721311475, within(1e-9));
        assertThat(c3.probabilityAlive()).isEqualTo(c7.probabilityAlive());
        assertThat(c3.purchases365d()).isEqualTo(c7.purchases365d());
        double discounted = model.forecast(1, 60 / 7.0, 150 / 7.0, HORIZON).discountedPurchases();
        assertThat(c3.predictedValue()).isCloseTo(80.21425950633756 * discounted, within(1e-9));
        assertThat(c7.predictedValue()).isCloseTo(38.52646764509673 * discounted, within(1e-9));
        // P(alive) = 1 / (1 + a / (b + x - 1) · ((α + T) / (α + t_x))^(r + x)), T 150 / 7 and t_x 60 or 29 / 7 weeks:
        // 1 / (1 + 0.7929 / 2.4258 · (25.842071 / 12.984929)^1.2426) = 0.565384, and with (25.842071 / 8.556357): 0.436529
        assertThat(c3.probabilityAlive()).isCloseTo(0.565384, within(1e-6));
        CustomerPredictionRow c9 = stored.get("c9");
        assertThat(c9.probabilityAlive()).isCloseTo(0.436529, within(1e-6));
        // the same forecasts if alive: each buyer's expected purchases are P(alive) times them
        assertThat(c9.purchases365d() / c9.probabilityAlive()).isCloseTo(c3.purchases365d() / c3.probabilityAlive(), withinPercentage(1e-10));
        assertThat(c9.expectedPurchaseValue()).isEqualTo(c7.expectedPurchaseValue());
        assertThat(c9.predictedValue()).isLessThan(c7.predictedValue());
        assertThat(predictions.latestFor("c7")).contains(c7);
        assertThat(jdbc.sql("select relispartition from pg_class where oid = to_regclass(?)").param(RunBuyers.table(RUN))
                .query(Boolean.class).single()).as("the run's buyer table is kept as its per-customer part").isTrue();
    }

    @Test
    void rowsStoredBeforePredictionsWentPerPatternReadAsTheyWere() {
        // as changeset 270 leaves a run stored before it: its rows as they were, in the renamed table
        jdbc.sql("insert into run_customer_predictions_stored (run_id, customer_key, x, recency_days, age_days, repeat_average, p_alive,"
                        + " expected_purchases_30d, expected_purchases_90d, expected_purchases_365d, expected_purchase_value, predicted_value)"
                        + " select ?, customer_key, 1, 60, 150, 40, 0.5, 0.1, 0.3, 1.2, 38.5, 46.2 from customers where customer_id = 'c7'")
                .param(OLD_RUN).update();
        Map<String, CustomerPredictionRow> stored = new TreeMap<>();
        predictions.streamCustomers(OLD_RUN, row -> stored.put(row.customerId(), row));
        assertThat(stored).containsOnlyKeys("c7");
        assertThat(stored.get("c7")).isEqualTo(new CustomerPredictionRow("c7", 0.5, 0.1, 0.3, 1.2, 38.5, 46.2));
        assertThat(predictions.latestFor("c7")).contains(stored.get("c7"));
        assertThat(predictions.latestFor("c3")).isEmpty();
    }

    /**
     * A run stored between changesets 270 and 470: a forecast row per pattern with its P(alive), written here as the store
     * wrote them then (values made up, exact in binary where it matters), its buyers in its buyer table or, carried, in its
     * assignment's rows. It reads as it did: the stored forecasts as they are, the values worked out from p, q, v.
     */
    @Test
    void runsStoredPerPatternBeforeChangeset470ReadAsTheyWere() {
        long carried = OLD_RUN + 10;
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + carried
                + ", 1, '2024-06-30', 'COMPLETED')");
        histories.ofRun(OLD_RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        RunBuyers.attach(jdbc, OLD_RUN);
        TestDatabase.execute("create table run_assignments_" + carried + " partition of run_assignments for values in (" + carried + ")");
        TestDatabase.execute("insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary, buyer_x, buyer_recency_days,"
                + " buyer_age_days, buyer_repeat_average) select " + carried + ", customer_key, 's', 0, 0, x, recency_days, age_days, repeat_average"
                + " from run_prediction_buyers where run_id = " + OLD_RUN);
        for (long run : List.of(OLD_RUN, carried)) {
            TestDatabase.execute("insert into run_predictions (run_id, status, customers, repeat_buyers, r, alpha, a, b, p, q, v, horizon_months,"
                    + " monthly_discount, buyers_in_assignments) values (" + run + ", 'FITTED', 4, 3, 0.2426, 4.4135, 0.7929, 2.4258, 6.249, 3.745,"
                    + " 15.45, 12, 0.01, " + (run == carried) + ")");
            TestDatabase.execute("create table run_pattern_forecasts_" + run + " partition of run_pattern_forecasts for values in (" + run + ")");
            TestDatabase.execute("insert into run_pattern_forecasts values (" + run + ", 1, 60, 150, 0.5, 0.125, 0.375, 1.5, 1.25), (" + run
                    + ", 1, 29, 150, 0.25, 0.0625, 0.1875, 0.75, 0.625), (" + run + ", 0, 0, 20, 1, 0.2, 0.6, 2.4, 2.2)");
        }
        for (long run : List.of(OLD_RUN, carried)) {
            Map<String, CustomerPredictionRow> stored = new TreeMap<>();
            predictions.streamCustomers(run, row -> stored.put(row.customerId(), row));
            assertThat(stored).as("run %d", run).containsOnlyKeys("c3", "c7", "c8", "c9");
            // expected purchase values as worked by hand above, times the stored discounted purchases
            double c3 = 6.249 * (15.45 + 100) / (6.249 * 1 + 3.745 - 1);
            double c7 = 6.249 * (15.45 + 40) / (6.249 * 1 + 3.745 - 1);
            double c8 = 6.249 * 15.45 / (3.745 - 1);
            assertThat(stored.get("c3")).isEqualTo(new CustomerPredictionRow("c3", 0.5, 0.125, 0.375, 1.5, c3, c3 * 1.25));
            assertThat(stored.get("c7")).isEqualTo(new CustomerPredictionRow("c7", 0.5, 0.125, 0.375, 1.5, c7, c7 * 1.25));
            assertThat(stored.get("c9")).isEqualTo(new CustomerPredictionRow("c9", 0.25, 0.0625, 0.1875, 0.75, c7, c7 * 0.625));
            assertThat(stored.get("c8")).isEqualTo(new CustomerPredictionRow("c8", 1.0, 0.2, 0.6, 2.4, c8, c8 * 2.2));
        }
    }

    private static void order(String customer, String at, double total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o' || nextval('order_key_blocks'), customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
