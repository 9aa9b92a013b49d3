package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.CustomerPredictionRow;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.domain.prediction.BgNbd;
import io.strata.domain.prediction.GammaGamma;
import io.strata.domain.prediction.PatternForecast;
import io.strata.domain.prediction.ValueHorizon;
import io.strata.domain.prediction.ValueModel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A run's predictions are stored once per (x, t_x, T) pattern and the values worked out per customer at read
 * (changeset 270): customers sharing a pattern share its forecasts but not their expected value, which follows each
 * one's own repeat average. Values worked out by hand with Gamma-Gamma's conditional expectation
 * p (v + x m) / (p x + q - 1) at p 6.249, q 3.745, v 15.45.
 */
class PatternSharedValuesTest extends PredictionStoreFixture {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final long RUN = 9_201;
    private static final long OLD_RUN = 9_202;

    private final ValueModel.Fitted model = new ValueModel.Fitted(BG, GG, -1, 3, 2, 0);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c3'), ('c7'), ('c8')");
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
    }

    @Test
    void customersOfOnePatternShareItsForecastsButEachHasTheValueOfItsOwnRepeatAverage() {
        histories.ofRun(RUN, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        predictions.save(new PredictionSummary(RUN, PredictionStatus.FITTED, null, 3, 2, BG, GG, -1.0, 0.0, 12, 0.01), AS_OF,
                Optional.of(chunk -> chunk.stream().map(p -> model.forecast(p.x(), PatternForecast.weeks(p.recencyDays()),
                        PatternForecast.weeks(p.ageDays()), HORIZON)).toList()), GG);

        assertThat(jdbc.sql("select count(*) from run_pattern_forecasts where run_id = ?").param(RUN).query(Long.class).single())
                .as("one forecast row per pattern").isEqualTo(2);
        Map<String, CustomerPredictionRow> stored = new TreeMap<>();
        predictions.streamCustomers(RUN, row -> stored.put(row.customerId(), row));
        assertThat(stored).containsOnlyKeys("c3", "c7", "c8");
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

    private static void order(String customer, String at, double total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o' || nextval('order_key_blocks'), customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
