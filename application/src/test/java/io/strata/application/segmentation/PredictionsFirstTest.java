package io.strata.application.segmentation;

import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.LifecycleBasis;
import io.strata.domain.segmentation.LifecycleStage;
import io.strata.domain.segmentation.Segment;
import io.strata.domain.segmentation.SegmentationTemplates;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether a run fits its predictions before it assigns (PredictionsFirst): only a segmentation that reads them, i.e. tiers
 * of predicted value or a lifecycle whose stage rules name a predicted field (p_alive, expected_purchases_30d/90d/365d,
 * expected_purchase_value, predicted_value) anywhere in the rule, in any case. Oracle: the templates' documented bases and
 * the rules written here.
 */
class PredictionsFirstTest {

    @Test
    void ofTheTemplatesOnlyPredictedValueTiersReadPredictions() {
        assertThat(PredictionsFirst.needed(SegmentationTemplates.instantiate("predicted-value-tiers", "p"))).isTrue();
        for (String key : List.of("rfm-classic", "frequency-tiers", "product-breadth", "value-tiers", "subscription-lifecycle", "user-status")) {
            assertThat(PredictionsFirst.needed(SegmentationTemplates.instantiate(key, "t"))).as(key).isFalse();
        }
    }

    @Test
    void aLifecycleReadsPredictionsWhenAnyStageRuleNamesAPredictedFieldWhereverItStands() {
        assertThat(needed("p_alive < 0.2")).isTrue();
        assertThat(needed("PREDICTED_VALUE > 100")).isTrue();
        assertThat(needed("orders_count > 3 and expected_purchases_90d between 1 and 2")).isTrue();
        assertThat(needed("orders_count > 3 or expected_purchases_30d in (1, 2)")).isTrue();
        assertThat(needed("not (expected_purchase_value is null)")).isTrue();
        assertThat(needed("expected_purchases_365d is not null")).isTrue();
    }

    @Test
    void aLifecycleWhoseRulesNameNoPredictedFieldAssignsFirst() {
        assertThat(needed("orders_count > 3")).isFalse();
        assertThat(needed("not (orders_count between 1 and 2) or plan in (\"trial\")")).isFalse();
        assertThat(needed("count(orders) > 2 and plan is not null")).isFalse();
        // a field whose name merely contains a predicted field's name is not one
        assertThat(needed("p_alive_flag = true and my_predicted_value > 1")).isFalse();
    }

    @Test
    void aPredictedFieldInTheSecondStageCounts() {
        GeneralSegmentation lifecycle = new GeneralSegmentation("two stages", new LifecycleBasis(List.of(
                LifecycleStage.when("orders_count > 10", "first"), LifecycleStage.when("p_alive > 0.5", "second"),
                LifecycleStage.otherwise("rest"))), List.of(segment("first", 1), segment("second", 2), segment("rest", 3)));
        assertThat(PredictionsFirst.needed(lifecycle)).isTrue();
    }

    private static boolean needed(String rule) {
        GeneralSegmentation lifecycle = new GeneralSegmentation("one stage", new LifecycleBasis(List.of(LifecycleStage.when(rule, "matched"),
                LifecycleStage.otherwise("rest"))), List.of(segment("matched", 1), segment("rest", 2)));
        return PredictionsFirst.needed(lifecycle);
    }

    private static Segment segment(String key, int rank) {
        return new Segment(key, key, rank, "", "");
    }
}
