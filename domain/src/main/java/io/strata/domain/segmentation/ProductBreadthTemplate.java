package io.strata.domain.segmentation;

import java.util.List;

/**
 * product-breadth: the cross-sell variant, by the number of distinct categories bought. Buyers whose lines carry
 * no category (0 categories) count with the single-category tier.
 */
final class ProductBreadthTemplate {

    static final String KEY = "product-breadth";

    private ProductBreadthTemplate() {
    }

    static SegmentationTemplate template() {
        TierBasis basis = new TierBasis(TierMetric.CATEGORIES, FixedTiers.of(
                Tier.of("one_category", 0, 2),
                Tier.of("few_categories", 2, 4),
                Tier.of("many_categories", 4, null)), "prospects");
        List<Segment> segments = List.of(
                new Segment("prospects", "Prospects", 1, "No purchase yet.", "first purchase: move to one_category"),
                new Segment("one_category", "One category", 2,
                        "Buy from a single category (or from lines without a category).",
                        "cross-sell a neighbouring category: move to few_categories"),
                new Segment("few_categories", "Two to three categories", 3, "Buy from two or three categories.",
                        "widen the basket: move to many_categories"),
                new Segment("many_categories", "Four categories or more", 4, "Buy across four or more categories.",
                        "keep them broad: stay in many_categories"));
        return new SegmentationTemplate(KEY, "Product breadth",
                "By distinct categories bought: 1, 2–3, 4+, plus prospects; drives cross-sell.",
                new GeneralSegmentation("Product breadth", basis, segments));
    }
}
