package io.strata.domain.segmentation;

import java.util.List;

/** frequency-tiers: the contract's single-parameter variant of RFM, by number of purchases. */
final class FrequencyTiersTemplate {

    static final String KEY = "frequency-tiers";

    private FrequencyTiersTemplate() {
    }

    static SegmentationTemplate template() {
        TierBasis basis = new TierBasis(TierMetric.FREQUENCY, FixedTiers.of(
                Tier.of("newcomers", 1, 3),
                Tier.of("repeat", 3, 6),
                Tier.of("loyal", 6, null)), "prospects");
        List<Segment> segments = List.of(
                new Segment("prospects", "Prospects", 1, "No purchase yet (frequency 0).", "first purchase: move to newcomers"),
                new Segment("newcomers", "Newcomers", 2, "One or two purchases.", "third purchase: move to repeat"),
                new Segment("repeat", "Repeat customers", 3, "Three to five purchases.", "build the habit: move to loyal"),
                new Segment("loyal", "Loyal", 4, "Six purchases or more.", "reward and keep them: stay in loyal"));
        return new SegmentationTemplate(KEY, "Frequency tiers",
                "By number of purchases: prospects (0), newcomers (1–2), repeat (3–5), loyal (6+).",
                new GeneralSegmentation("Frequency tiers", basis, segments));
    }
}
