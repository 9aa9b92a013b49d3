package io.strata.domain.segmentation;

import java.util.List;

import static io.strata.domain.segmentation.ScoreRange.between;
import static io.strata.domain.segmentation.ScoreRange.of;

/** rfm-classic: the contract's (R, F) grid over classic RFM scores, plus prospects for customers with no purchase. */
final class RfmClassicTemplate {

    static final String KEY = "rfm-classic";

    private RfmClassicTemplate() {
    }

    static SegmentationTemplate template() {
        RfmBasis basis = RfmBasis.classic(List.of(
                RfmRegion.of("hibernating", between(1, 2), between(1, 2)),
                RfmRegion.of("at_risk", between(1, 2), between(3, 4)),
                RfmRegion.of("cant_lose", between(1, 2), of(5)),
                RfmRegion.of("about_to_sleep", of(3), between(1, 2)),
                RfmRegion.of("need_attention", of(3), of(3)),
                RfmRegion.of("loyal_customers", between(3, 4), between(4, 5)),
                RfmRegion.of("promising", of(4), of(1)),
                RfmRegion.of("new_customers", of(5), of(1)),
                RfmRegion.of("potential_loyalists", between(4, 5), between(2, 3)),
                RfmRegion.of("champions", of(5), between(4, 5))), "prospects");
        List<Segment> segments = List.of(
                new Segment("prospects", "Prospects", 1, "Known customers who have not bought yet (no scores).",
                        "first purchase: move to new_customers"),
                new Segment("hibernating", "Hibernating", 2, "Bought rarely and long ago (R 1–2, F 1–2).",
                        "reactivate with a relevant offer: move to about_to_sleep or promising"),
                new Segment("about_to_sleep", "About to sleep", 3, "Few purchases, last one a while ago (R 3, F 1–2).",
                        "bring back before they lapse: move to potential_loyalists"),
                new Segment("at_risk", "At risk", 4, "Bought fairly often but not for a long time (R 1–2, F 3–4).",
                        "win back with a personal offer: move to loyal_customers"),
                new Segment("cant_lose", "Can't lose them", 5, "Among the most frequent buyers, but gone quiet (R 1–2, F 5).",
                        "win back at almost any cost: move to champions"),
                new Segment("need_attention", "Need attention", 6, "Average recency and frequency (R 3, F 3).",
                        "limited-time offer on what they like: move to loyal_customers"),
                new Segment("promising", "Promising", 7, "Recent one-time buyers (R 4, F 1).",
                        "second purchase: move to potential_loyalists"),
                new Segment("new_customers", "New customers", 8, "Bought once, very recently (R 5, F 1).",
                        "onboarding and a second purchase: move to potential_loyalists"),
                new Segment("potential_loyalists", "Potential loyalists", 9, "Recent buyers with a few purchases (R 4–5, F 2–3).",
                        "membership or loyalty programme: move to loyal_customers"),
                new Segment("loyal_customers", "Loyal customers", 10, "Buy often, fairly recently (R 3–4, F 4–5).",
                        "upsell and reward: move to champions"),
                new Segment("champions", "Champions", 11, "Bought most recently and most often (R 5, F 4–5).",
                        "keep them: VIP treatment, early access, referrals; stay in champions"));
        return new SegmentationTemplate(KEY, "RFM classic",
                "Recency, frequency and monetary scores 1–5 ranked among buyers; segments by the (R, F) grid.",
                new GeneralSegmentation("RFM classic", basis, segments));
    }
}
