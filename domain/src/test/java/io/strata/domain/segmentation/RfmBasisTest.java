package io.strata.domain.segmentation;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RFM grid as a value: its third dimension, and a region limiting the third score. */
class RfmBasisTest {

    @Test
    void theClassicGridScoresMonetaryAndUsesTwoScoresOnly() {
        RfmBasis classic = (RfmBasis) SegmentationTemplates.instantiate("rfm-classic", "x").basis();
        RfmBasis rebuilt = RfmBasis.classic(classic.regions(), "prospects");

        assertThat(rebuilt.thirdDimension()).isEqualTo(ThirdDimension.MONETARY);
        assertThat(rebuilt.noPurchaseSegment()).isEqualTo("prospects");
        assertThat(rebuilt.regions()).isEqualTo(classic.regions());
    }

    @Test
    void aRegionLimitingTheThirdScoreMakesTheGridThreeDimensional() {
        RfmBasis grid = new RfmBasis(ThirdDimension.PRODUCT, List.of(
                new RfmRegion("narrow", ScoreRange.any(), ScoreRange.any(), ScoreRange.between(1, 2)),
                new RfmRegion("broad", ScoreRange.any(), ScoreRange.any(), ScoreRange.between(3, 5))), "prospects");

        assertThat(grid.segmentOf(1, 1, 2)).isEqualTo("narrow");
        assertThat(grid.segmentOf(5, 5, 3)).isEqualTo("broad");
        assertThat(grid.thirdDimension()).isEqualTo(ThirdDimension.PRODUCT);
    }
}
