package io.strata.domain.segmentation;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static io.strata.domain.segmentation.CustomerBuilder.customer;
import static io.strata.domain.segmentation.ScoreRange.any;
import static io.strata.domain.segmentation.ScoreRange.between;
import static io.strata.domain.segmentation.TierSegmentationTest.segmentsOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The modified RFM that scores product breadth (distinct categories) instead of monetary. */
class RfmProductVariantTest {

    final GeneralSegmentation crossSell = new GeneralSegmentation("cross-sell", new RfmBasis(ThirdDimension.PRODUCT, List.of(
            new RfmRegion("narrow", any(), any(), between(1, 2)),
            new RfmRegion("broad", any(), any(), between(3, 5))), "prospects"),
            List.of(new Segment("prospects", "Prospects", 1, "", ""), new Segment("narrow", "Narrow", 2, "", ""),
                    new Segment("broad", "Broad", 3, "", "")));

    @Test
    void theThirdScoreRanksBuyersByDistinctCategoriesAscending() {
        // N = 5, so score = rank: categories 0 → rank 1; 1, 1 → rank 2; 2 → rank 4; 3 → rank 5
        var base = List.of(
                customer("c0").order("2024-06-01", "10").build(),
                customer("c1a").orderIn("2024-06-01", "kids").build(),
                customer("c1b").orderIn("2024-06-01", "films", "films").build(),
                customer("c2").orderIn("2024-06-01", "kids", "films").build(),
                customer("c3").orderIn("2024-06-01", "kids", "films", "music").build(),
                customer("none").build());
        SegmentationResult result = SegmentationReference.withoutConditions().run(crossSell, LocalDate.parse("2024-06-30"), base);

        assertThat(segmentsOf(result, "c0", "c1a", "c1b", "c2", "c3", "none"))
                .containsExactly("narrow", "narrow", "narrow", "broad", "broad", "prospects");
        assertThat(result.assignments()).extracting(Assignment::p).containsExactly(1, 2, 2, 4, 5, null);
        assertThat(result.assignments()).extracting(Assignment::m).containsExactly(1, 2, 2, 4, 5, null);
        assertThat(result.assignments().get(0).thirdDimension()).isEqualTo(ThirdDimension.PRODUCT);
    }
}
