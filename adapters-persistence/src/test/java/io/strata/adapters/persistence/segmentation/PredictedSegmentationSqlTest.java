package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * General segmentations on the run's predictions, which the run stores before it assigns: predicted-value tiers and
 * lifecycle stages on predicted fields. Six buyers c1–c6 (one order each) and c7 who never bought; the predictions
 * below are written in by hand, as the run's preparation would have stored them.
 */
class PredictedSegmentationSqlTest {

    static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private final JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c1'), ('c2'), ('c3'), ('c4'), ('c5'), ('c6'), ('c7')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        for (String c : List.of("c1", "c2", "c3", "c4", "c5", "c6")) {
            TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), 'o"
                    + c + "', customer_key, '2024-06-01T12:00:00Z', 10, 1 from customers where customer_id = '" + c + "'");
        }
        TestDatabase.refreshPurchaseFacts();
    }

    @Test
    void predictedValueTiersAreTercilesOfTheRunsPredictedValueAmongBuyers() throws Exception {
        long run = runWithPredictions(1, Map.of("c1", 900.0, "c2", 0.5, "c3", 120.0, "c4", 119.99, "c5", 3000.0, "c6", 0.0));
        engine().assign(run, SegmentationTemplates.instantiate("predicted-value-tiers", "p"), AS_OF);

        assertThat(assignments(run)).isEqualTo(Map.of("c1", "high_predicted", "c2", "low_predicted", "c3", "middle_predicted",
                "c4", "middle_predicted", "c5", "high_predicted", "c6", "low_predicted", "c7", "prospects"));
        // the pages' average per segment: customers with a prediction only, so prospects have none
        Map<String, Double> averages = new io.strata.adapters.persistence.prediction.JdbcRunPredictions(jdbc, TestDatabase.dataSource(),
                new org.springframework.jdbc.support.JdbcTransactionManager(TestDatabase.dataSource()),
                new io.strata.adapters.persistence.database.DatabaseSettings("", "", "", 4, java.time.Duration.ofSeconds(30), io.strata.adapters.persistence.database.DatabaseSettings.Tuning.defaults()))
                .averagePredictedValueBySegment(run);
        assertThat(averages.keySet()).containsExactlyInAnyOrder("low_predicted", "middle_predicted", "high_predicted");
        assertThat(averages.get("low_predicted")).isCloseTo(0.25, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(averages.get("middle_predicted")).isCloseTo(119.995, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(averages.get("high_predicted")).isCloseTo(1950.0, org.assertj.core.api.Assertions.within(1e-9));
    }

    /** The bound 0.3 is the double nearest 0.3, which a stored 0.3 reaches, as in the reference. */
    @Test
    void fixedTiersOnPredictedValueCompareWithTheNearestDouble() throws Exception {
        long run = runWithPredictions(2, Map.of("c1", 0.3, "c2", 0.29999999999999993, "c3", 0.5, "c4", 0.0, "c5", 7.0, "c6", 0.3));
        SqlSegmentationRun.execute(TestDatabase.dataSource(), DatabaseSettings.Tuning.defaults(), run, new SqlPlan.FixedTiers(
                        SqlPlan.TierMetric.PREDICTED_VALUE, List.of(new SqlPlan.Tier("low", null, new java.math.BigDecimal("0.3")),
                        new SqlPlan.Tier("high", new java.math.BigDecimal("0.3"), null)), "prospects"),
                labels("prospects", "low", "high"), AS_OF);

        assertThat(assignments(run)).isEqualTo(Map.of("c1", "high", "c2", "low", "c3", "high", "c4", "low", "c5", "high", "c6", "high",
                "c7", "prospects"));
    }

    @Test
    void lifecycleStagesReadTheRunsPredictions() throws Exception {
        long run = runWithPredictions(3, Map.of("c1", 900.0, "c2", 0.5, "c3", 120.0, "c4", 119.99, "c5", 3000.0, "c6", 0.0));
        FieldCatalogue catalogue = FieldCatalogue.builtInOnly();
        SqlSegmentationRun.execute(TestDatabase.dataSource(), DatabaseSettings.Tuning.defaults(), run, new SqlPlan.Lifecycle(List.of(
                        new SqlPlan.Stage("valuable", catalogue.check("predicted_value >= 120")),
                        new SqlPlan.Stage("buyers", catalogue.check("frequency >= 1")),
                        new SqlPlan.Stage("others", null))),
                labels("valuable", "buyers", "others"), AS_OF);

        assertThat(assignments(run)).isEqualTo(Map.of("c1", "valuable", "c2", "buyers", "c3", "valuable", "c4", "buyers", "c5", "valuable",
                "c6", "buyers", "c7", "others"));
    }

    @Test
    void predictedValueTiersOnARunWhoseModelsWereNotFittedFailWithTheReason() {
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (4, 1, '2024-06-30', 'RUNNING')");
        TestDatabase.execute("insert into run_predictions (run_id, status, reason, customers, repeat_buyers, horizon_months, monthly_discount) "
                + "values (4, 'NOT_FITTED', 'only 0 repeat buyers; at least 100 are needed', 6, 0, 12, 0.01)");

        assertThatThrownBy(() -> engine().assign(4, SegmentationTemplates.instantiate("predicted-value-tiers", "p"), AS_OF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Predicted value tiers need the run's predictions, but its models were not fitted: only 0 repeat buyers; "
                        + "at least 100 are needed. Activate a segmentation on past value (e.g. value-tiers) until the models can be fitted");
    }

    private SqlSegmentationEngine engine() {
        return new SqlSegmentationEngine(TestDatabase.dataSource(), FieldCatalogue::builtInOnly,
                new DatabaseSettings("", "", "", 4, java.time.Duration.ofSeconds(30), DatabaseSettings.Tuning.defaults()));
    }

    /** A running run whose fitted predictions are stored, as the run's preparation leaves it. */
    private long runWithPredictions(long runId, Map<String, Double> predictedValues) {
        TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + runId + ", 1, '2024-06-30', 'RUNNING')");
        TestDatabase.execute("insert into run_predictions (run_id, status, customers, repeat_buyers, r, alpha, a, b, p, q, v, horizon_months, "
                + "monthly_discount) values (" + runId + ", 'FITTED', 6, 0, 1, 1, 1, 1, 1, 2, 1, 12, 0.01)");
        predictedValues.forEach((customer, value) -> jdbc.sql("insert into run_customer_predictions (run_id, customer_key, x, recency_days, "
                        + "age_days, p_alive, predicted_value) select ?, customer_key, 0, 0, 29, 1, ? from customers where customer_id = ?")
                .params(runId, value, customer).update());
        return runId;
    }

    private static List<SqlSegmentationRun.SegmentLabel> labels(String... keys) {
        List<SqlSegmentationRun.SegmentLabel> labels = new java.util.ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            labels.add(new SqlSegmentationRun.SegmentLabel(keys[i], keys[i], i + 1));
        }
        return labels;
    }

    private Map<String, String> assignments(long runId) {
        return jdbc.sql("select c.customer_id, a.segment_key from run_assignments a join customers c using (customer_key) where run_id = ?")
                .param(runId).query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
