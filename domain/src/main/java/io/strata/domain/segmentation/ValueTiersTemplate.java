package io.strata.domain.segmentation;

import java.util.List;

/** value-tiers: ARPU-style tiers, terciles of revenue per month among buyers, plus prospects. */
final class ValueTiersTemplate {

    static final String KEY = "value-tiers";

    private ValueTiersTemplate() {
    }

    static SegmentationTemplate template() {
        TierBasis basis = new TierBasis(TierMetric.REVENUE_PER_MONTH,
                QuantileTiers.of("low_value", "middle_value", "high_value"), "prospects");
        List<Segment> segments = List.of(
                new Segment("prospects", "Prospects", 1, "No purchase yet.", "first purchase: move to low_value"),
                new Segment("low_value", "Low value", 2, "Lowest third of buyers by revenue per month.",
                        "raise spend with bundles and reminders: move to middle_value"),
                new Segment("middle_value", "Middle value", 3, "Middle third of buyers by revenue per month.",
                        "upsell: move to high_value"),
                new Segment("high_value", "High value", 4, "Top third of buyers by revenue per month.",
                        "retain with care and service: stay in high_value"));
        return new SegmentationTemplate(KEY, "Value tiers",
                "Low, middle and high revenue per month: terciles among buyers (rank-based, ties share a tier), plus prospects.",
                new GeneralSegmentation("Value tiers", basis, segments));
    }
}
