package io.strata.domain.rule;

import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.prediction.CustomerPrediction;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rules on the run's predictions, evaluated by the reference. ann is slipping away and worth little, bob is a good
 * customer, cid sits exactly on the double nearest 0.3 and 500, dan has no prediction (never bought, or a run not
 * fitted). Values are written out here, not computed.
 */
class PredictedFieldsInRulesTest {

    static final LocalDate D = LocalDate.parse("2024-06-30");

    static final List<RuleSubject> CUSTOMERS = List.of(
            subject("ann", new CustomerPrediction(0.12, 0.01, 0.04, 0.2, 31.5, 6.25)),
            subject("bob", new CustomerPrediction(0.97, 0.8, 2.4, 9.5, 88.0, 812.4)),
            subject("cid", new CustomerPrediction(0.3, 0.33, 1.0, 4.0, 50.0, 500.0)),
            subject("dan", null));

    static RuleSubject subject(String id, CustomerPrediction prediction) {
        return RuleSubject.withoutScores(new CustomerHistory(Customer.withoutAttributes(new CustomerId(id)), List.of(), List.of()), D)
                .withPrediction(prediction);
    }

    static Set<String> matching(String rule) {
        CheckedRule checked = FieldCatalogue.builtInOnly().check(rule);
        Set<String> ids = new TreeSet<>();
        CUSTOMERS.stream().filter(checked::matches).forEach(s -> ids.add(s.history().id().value()));
        return ids;
    }

    @Test
    void theIssuesThreeExamplesSelectByTheRunsPredictions() {
        assertThat(matching("p_alive < 0.3")).containsExactly("ann");
        assertThat(matching("predicted_value > 500")).containsExactly("bob");
        assertThat(matching("expected_purchases_90d >= 1")).containsExactly("bob", "cid");
    }

    @Test
    void everyPredictionOfTheCsvIsAField() {
        assertThat(matching("expected_purchases_30d between 0.3 and 1")).containsExactly("bob", "cid");
        assertThat(matching("expected_purchases_365d > 5")).containsExactly("bob");
        assertThat(matching("expected_purchase_value <= 50")).containsExactly("ann", "cid");
    }

    /** A prediction is a double: 0.3 stored is the double nearest 0.3, which a literal 0.3 equals (as in PostgreSQL). */
    @Test
    void aLiteralComparesWithAPredictionAsTheNearestDouble() {
        assertThat(matching("p_alive = 0.3")).containsExactly("cid");
        assertThat(matching("p_alive >= 0.3")).containsExactly("bob", "cid");
        assertThat(matching("p_alive in (0.3, 0.12)")).containsExactly("ann", "cid");
        assertThat(matching("predicted_value <= 500")).containsExactly("ann", "cid");
    }

    @Test
    void aCustomerWithoutPredictionsHasMissingPredictedFields() {
        assertThat(matching("p_alive is null")).containsExactly("dan");
        assertThat(matching("p_alive < 2 or p_alive >= 2")).containsExactly("ann", "bob", "cid");
        assertThat(matching("not p_alive < 0.3")).containsExactly("bob", "cid", "dan");
    }

    @Test
    void aRuleKnowsWhetherItNamesPredictedFields() {
        FieldCatalogue catalogue = FieldCatalogue.builtInOnly();
        assertThat(catalogue.check("frequency > 2 and not (city = \"Riga\" or p_alive < 0.5)").namesPredictedFields()).isTrue();
        assertThat(catalogue.check("predicted_value is not null").namesPredictedFields()).isTrue();
        assertThat(catalogue.check("frequency > 2 and count(orders where amount > 10) >= 1").namesPredictedFields()).isFalse();
    }

    @Test
    void completionOffersThePredictedFieldNames() {
        FieldCatalogue catalogue = FieldCatalogue.builtInOnly();
        assertThat(catalogue.complete("p_")).containsExactly("p_alive");
        assertThat(catalogue.complete("expected_")).containsExactly("expected_purchase_value", "expected_purchases_30d",
                "expected_purchases_365d", "expected_purchases_90d");
        assertThat(catalogue.complete("pred")).containsExactly("predicted_value");
    }

    @Test
    void aCustomAttributeCannotHideAPredictedField() {
        FieldCatalogue catalogue = new FieldCatalogue(java.util.Map.of("p_alive", io.strata.domain.customer.FieldType.TEXT), java.util.Map.of());
        assertThat(catalogue.customerField("p_alive")).contains(PredictedField.P_ALIVE);
    }
}
