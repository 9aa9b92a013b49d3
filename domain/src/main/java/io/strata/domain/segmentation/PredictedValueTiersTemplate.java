package io.strata.domain.segmentation;

import java.util.List;

/**
 * predicted-value-tiers: terciles of the run's predicted value among buyers, plus prospects; value-tiers looking
 * forward. The run fits its predictions before it assigns (docs/predictions.md), so the tiers are of the same run.
 */
final class PredictedValueTiersTemplate {

    static final String KEY = "predicted-value-tiers";

    private PredictedValueTiersTemplate() {
    }

    static SegmentationTemplate template() {
        TierBasis basis = new TierBasis(TierMetric.PREDICTED_VALUE,
                QuantileTiers.of("low_predicted", "middle_predicted", "high_predicted"), "prospects");
        List<Segment> segments = List.of(
                new Segment("prospects", "Prospects", 1, "No purchase yet.", "first purchase: move to low_predicted"),
                new Segment("low_predicted", "Low predicted value", 2, "Lowest third of buyers by predicted value.",
                        "win back or let go; check p_alive before spending: move to middle_predicted"),
                new Segment("middle_predicted", "Middle predicted value", 3, "Middle third of buyers by predicted value.",
                        "raise frequency with reminders and bundles: move to high_predicted"),
                new Segment("high_predicted", "High predicted value", 4, "Top third of buyers by predicted value.",
                        "protect: service, early access, watch p_alive: stay in high_predicted"));
        return new SegmentationTemplate(KEY, "Predicted value tiers",
                "Low, middle and high predicted value over the predictions' horizon (12 months by default; BG/NBD and Gamma-Gamma): terciles among buyers "
                        + "(rank-based, ties share a tier), plus prospects. Needs fitted predictions: a run whose models cannot "
                        + "be fitted fails and names the reason.",
                new GeneralSegmentation("Predicted value tiers", basis, segments));
    }
}
