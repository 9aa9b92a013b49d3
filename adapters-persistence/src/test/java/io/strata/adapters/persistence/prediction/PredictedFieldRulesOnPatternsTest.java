package io.strata.adapters.persistence.prediction;

import io.strata.adapters.persistence.tactical.RuleSql;
import io.strata.adapters.persistence.tactical.SqlFragment;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.prediction.FitBounds;
import io.strata.application.prediction.PredictionStatus;
import io.strata.application.prediction.PredictionSummary;
import io.strata.domain.prediction.ValueModel;
import io.strata.domain.rule.FieldCatalogue;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules on predicted fields read a run's predictions where the run stored them: per (x, T) with the buyers
 * (changeset 470: P(alive) worked out from the run's r, α, a, b, the values from its p, q, v and each buyer's repeat
 * average), as rows stored before
 * (run_customer_predictions_stored), or not at all (a run not fitted: its buyers with every predicted field empty).
 * The property tests ({@code RuleSqlAgreesWithReferenceProperties}) write their predictions as stored rows; this one
 * reads the computed ones. Buyers as in {@link PatternSharedValuesTest}: c3 and c7 share the pattern x 1, t_x 60,
 * T 150 with repeat averages 100 and 40 (expected purchase values 80.2143 and 38.5265, worked by hand there), c8 bought
 * once (x 0: P(alive) 1, value the population mean 35.1720); c9 never bought (no prediction). Every rule's members are
 * written out.
 */
class PredictedFieldRulesOnPatternsTest extends PredictionStoreFixture {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final long FITTED = 9_301;
    private static final long NOT_FITTED = 9_302;
    private static final long STORED = 9_303;

    private final ValueModel.Fitted model = new ValueModel.Fitted(BG, GG, -1, 3, 2, 0);

    @BeforeEach
    void base() {
        TestDatabase.emptyCustomerData();
        TestDatabase.execute("insert into customers (customer_id) values ('c3'), ('c7'), ('c8'), ('c9')");
        TestDatabase.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 't', '{}', 'DRAFT')");
        for (long run : List.of(FITTED, NOT_FITTED, STORED)) {
            TestDatabase.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status, followed_up_at) values (" + run
                    + ", 1, '2024-06-30', 'COMPLETED', now())");
            TestDatabase.execute("create table run_assignments_" + run + " partition of run_assignments for values in (" + run + ")");
            TestDatabase.execute("insert into run_assignments (run_id, customer_key, segment_key, frequency, monetary) select " + run
                    + ", customer_key, 'parent', 0, 0 from customers");
        }
        order("c3", "2024-02-01T09:00:00Z", 70);
        order("c3", "2024-04-01T09:00:00Z", 100);
        order("c7", "2024-02-01T10:00:00Z", 10);
        order("c7", "2024-04-01T10:00:00Z", 40);
        order("c8", "2024-06-10T09:00:00Z", 15);

        histories.ofRun(FITTED, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        predictions.save(new PredictionSummary(FITTED, PredictionStatus.FITTED, null, 3, 2, BG, GG, -1.0, 0.0, 12, 0.01), AS_OF,
                Optional.of(scoring(model)), GG);
        histories.ofRun(NOT_FITTED, AS_OF, Optional.empty(), () -> { }, FitBounds.DEFAULT);
        predictions.save(new PredictionSummary(NOT_FITTED, PredictionStatus.NOT_FITTED, "no", 3, 2, null, null, null, null, 12, 0.01),
                AS_OF, Optional.empty(), null);
        // a run stored before changeset 270: c7's row as it was
        jdbc.sql("insert into run_customer_predictions_stored (run_id, customer_key, x, recency_days, age_days, repeat_average, p_alive,"
                        + " expected_purchases_30d, expected_purchases_90d, expected_purchases_365d, expected_purchase_value, predicted_value)"
                        + " select ?, customer_key, 1, 60, 150, 40, 0.5, 0.1, 0.3, 1.2, 38.5, 46.2 from customers where customer_id = 'c7'")
                .param(STORED).update();
    }

    @Test
    void aFittedRunsRulesReadTheValuesWorkedOutPerBuyer() {
        assertThat(members(FITTED, "expected_purchase_value > 50")).containsExactly("c3");
        assertThat(members(FITTED, "expected_purchase_value between 35 and 40")).containsExactly("c7", "c8");
        assertThat(members(FITTED, "predicted_value > 0 and expected_purchase_value < 40")).containsExactly("c7", "c8");
        assertThat(members(FITTED, "p_alive < 1")).containsExactly("c3", "c7");
        assertThat(members(FITTED, "p_alive = 1")).containsExactly("c8");
        assertThat(members(FITTED, "expected_purchases_30d >= 0 and expected_purchases_90d >= 0 and expected_purchases_365d >= 0"))
                .containsExactly("c3", "c7", "c8");
        assertThat(members(FITTED, "p_alive is null")).containsExactly("c9");
        assertThat(members(FITTED, "not predicted_value > 0")).containsExactly("c9");
        assertThat(members(FITTED, "expected_purchase_value in (1, 2, 3) or p_alive is not null")).containsExactly("c3", "c7", "c8");
    }

    @Test
    void aRunNotFittedHasEveryPredictedFieldMissing() {
        assertThat(members(NOT_FITTED, "p_alive < 1")).isEmpty();
        assertThat(members(NOT_FITTED, "expected_purchase_value >= 0")).isEmpty();
        assertThat(members(NOT_FITTED, "p_alive is null")).containsExactly("c3", "c7", "c8", "c9");
        assertThat(members(NOT_FITTED, "not predicted_value > 0")).containsExactly("c3", "c7", "c8", "c9");
    }

    @Test
    void rowsStoredBeforeReadAsTheyWere() {
        assertThat(members(STORED, "p_alive = 0.5 and expected_purchases_90d = 0.3 and predicted_value > 46")).containsExactly("c7");
        assertThat(members(STORED, "expected_purchase_value = 38.5 and expected_purchases_30d = 0.1 and expected_purchases_365d = 1.2"))
                .containsExactly("c7");
        assertThat(members(STORED, "p_alive is null")).containsExactly("c3", "c8", "c9");
    }

    /**
     * As a preview selects: the parent's members of the run whose rule holds, in customer id order; the same with the
     * rule compiled as the tactical memberships and lifecycle stages compile it (predicted fields by {@code a.run_id}).
     */
    private List<String> members(long run, String rule) {
        List<String> previewed = members(run, RuleSql.compile(FieldCatalogue.builtInOnly().check(rule), AS_OF, run));
        assertThat(members(run, RuleSql.compile(FieldCatalogue.builtInOnly().check(rule), AS_OF))).as(rule).isEqualTo(previewed);
        return previewed;
    }

    private List<String> members(long run, SqlFragment where) {
        List<Object> parameters = new ArrayList<>(List.of(run));
        parameters.addAll(where.parameters());
        return jdbc.sql("select c.customer_id from run_assignments a join customers c on c.customer_key = a.customer_key "
                + "where a.run_id = ? and a.segment_key = 'parent' and " + where.sql() + " order by c.customer_id").params(parameters)
                .query(String.class).list();
    }

    private static void order(String customer, String at, double total) {
        TestDatabase.execute("insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) select nextval('order_key_blocks'), "
                + "'o' || nextval('order_key_blocks'), customer_key, '" + at + "', " + total + ", 1 from customers where customer_id = '" + customer + "'");
    }
}
