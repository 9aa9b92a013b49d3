package io.strata.domain.segmentation;

import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.prediction.CustomerPrediction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The predicted-value-tiers template: terciles of the run's predicted value among buyers, as value-tiers on revenue. */
class PredictedValueTiersTest {

    static final LocalDate D = LocalDate.parse("2024-06-30");

    static CustomerContext buyer(String id, Double predictedValue) {
        CustomerHistory history = new CustomerHistory(Customer.withoutAttributes(new CustomerId(id)), List.of(new OrderLine("o-" + id,
                new CustomerId(id), Instant.parse("2024-06-01T10:00:00Z"), new BigDecimal("10"), null, "kids", null, "web")), List.of());
        CustomerContext context = CustomerContext.of(D, history);
        return predictedValue == null ? context : context.withPrediction(new CustomerPrediction(0.5, 0.1, 0.3, 1, 10, predictedValue));
    }

    static CustomerContext prospect(String id) {
        return CustomerContext.of(D, new CustomerHistory(Customer.withoutAttributes(new CustomerId(id)), List.of(), List.of()));
    }

    @Test
    void buyersSplitIntoTercilesOfPredictedValueAndProspectsKeepTheirSegment() {
        GeneralSegmentation tiers = SegmentationTemplates.instantiate("predicted-value-tiers", "p");
        // revenue is the same for all six buyers: only the predicted value can tell them apart
        List<CustomerContext> population = List.of(buyer("b1", 900.0), buyer("b2", 0.5), buyer("b3", 120.0), buyer("b4", 119.99),
                buyer("b5", 3000.0), buyer("b6", 0.0), prospect("p1"));
        List<String> keys = new ArrayList<>();
        tiers.basis().assign(population, ConditionEvaluator.NONE).forEach(a -> keys.add(a.customerId().value() + "=" + a.segmentKey()));
        assertThat(keys).containsExactly("b1=high_predicted", "b2=low_predicted", "b3=middle_predicted", "b4=middle_predicted",
                "b5=high_predicted", "b6=low_predicted", "p1=prospects");
    }

    @Test
    void aBuyerWithoutAPredictionMeansTheModelsWereNotFittedAndTheRunIsRefused() {
        GeneralSegmentation tiers = SegmentationTemplates.instantiate("predicted-value-tiers", "p");
        assertThatThrownBy(() -> tiers.basis().assign(List.of(buyer("b1", 10.0), buyer("b2", null)), ConditionEvaluator.NONE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("customer b2 has none: the run's models were not fitted");
    }

    /** 0.3 as a bound is the double nearest 0.3 (just below 0.3), which a predicted value of 0.3 (a double) reaches. */
    @Test
    void fixedBoundsCompareWithPredictedValueAsTheNearestDouble() {
        TierBasis basis = new TierBasis(TierMetric.PREDICTED_VALUE, FixedTiers.of(Tier.of("low", (String) null, "0.3"), Tier.of("high", "0.3", (String) null)),
                "prospects");
        List<String> keys = new ArrayList<>();
        basis.assign(List.of(buyer("b1", 0.3), buyer("b2", 0.29999999999999993)), ConditionEvaluator.NONE)
                .forEach(a -> keys.add(a.segmentKey()));
        assertThat(keys).containsExactly("high", "low");
    }
}
