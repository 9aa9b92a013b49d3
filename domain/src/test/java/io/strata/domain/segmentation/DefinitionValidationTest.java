package io.strata.domain.segmentation;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.strata.domain.segmentation.ScoreRange.any;
import static io.strata.domain.segmentation.ScoreRange.between;
import static io.strata.domain.segmentation.ScoreRange.of;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A general segmentation that could leave a customer without a segment, or put one in two, cannot be built. */
class DefinitionValidationTest {

    static List<RfmRegion> contractGrid() {
        return new ArrayList<>(((RfmBasis) SegmentationTemplates.instantiate("rfm-classic", "x").basis()).regions());
    }

    @Test
    void theContractGridCoversEveryCellOnce() {
        assertThatCode(() -> RfmBasis.classic(contractGrid(), "prospects")).doesNotThrowAnyException();
    }

    @Test
    void aGridWithAGapNamesTheScoresThatFallThrough() {
        List<RfmRegion> grid = contractGrid();
        grid.removeIf(region -> region.segmentKey().equals("need_attention"));
        assertThatThrownBy(() -> RfmBasis.classic(grid, "prospects")).isInstanceOf(InvalidSegmentation.class)
                .hasMessageStartingWith("customers with R=3 and F=3 have no segment");
    }

    @Test
    void aGridWithSeveralGapsListsEveryUncoveredCell() {
        List<RfmRegion> grid = contractGrid();
        grid.removeIf(region -> region.segmentKey().equals("cant_lose"));
        assertThatThrownBy(() -> RfmBasis.classic(grid, "prospects"))
                .hasMessageContaining("customers with R=1 and F=5 or R=2 and F=5 have no segment")
                .hasMessageContaining("every (R, F) cell of the 5×5 grid must belong to exactly one segment");
    }

    @Test
    void aGridWithOverlappingRegionsNamesTheCellsAndBothSegments() {
        List<RfmRegion> grid = contractGrid();
        grid.add(RfmRegion.of("lost", of(1), between(1, 2)));
        assertThatThrownBy(() -> RfmBasis.classic(grid, "prospects"))
                .hasMessageContaining("cells (R=1,F=1), (R=1,F=2) are claimed by both hibernating and lost");
    }

    @Test
    void aGridThatSplitsTheThirdScoreMustCoverAllHundredAndTwentyFiveCells() {
        List<RfmRegion> grid = contractGrid();
        grid.removeIf(region -> region.segmentKey().equals("champions"));
        grid.add(new RfmRegion("champions", of(5), between(4, 5), between(3, 5)));
        grid.add(new RfmRegion("frugal_champions", of(5), between(4, 5), of(1)));
        assertThatThrownBy(() -> RfmBasis.classic(grid, "prospects"))
                .hasMessageStartingWith("customers with R=5, F=4 and M=2 or R=5, F=5 and M=2 have no segment")
                .hasMessageContaining("5×5×5 grid");
        grid.add(new RfmRegion("frugal_champions", of(5), between(4, 5), of(2)));
        assertThatCode(() -> RfmBasis.classic(grid, "prospects")).doesNotThrowAnyException();
    }

    @Test
    void theThirdScoreIsNamedPWhenTheBasisScoresProductBreadth() {
        List<RfmRegion> grid = List.of(RfmRegion.of("buyers", any(), any()),
                new RfmRegion("broad", of(5), of(5), of(5)));
        assertThatThrownBy(() -> new RfmBasis(ThirdDimension.PRODUCT, grid, "prospects"))
                .hasMessageContaining("cells (R=5, F=5, P=5) are claimed by both buyers and broad");
    }

    @Test
    void scoreRangesStayWithinOneToFive() {
        assertThatThrownBy(() -> ScoreRange.between(0, 2)).hasMessageContaining("scores run from 1 to 5");
        assertThatThrownBy(() -> ScoreRange.between(4, 3)).hasMessageContaining("from low to high");
    }

    @Test
    void tiersWithAGapNameTheUncoveredValues() {
        assertThatThrownBy(() -> new TierBasis(TierMetric.FREQUENCY,
                FixedTiers.of(Tier.of("newcomers", 1, 3), Tier.of("repeat", 4, 6), Tier.of("loyal", 6, null)), "prospects"))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessageStartingWith("frequency from 3 to below 4 is not covered");
    }

    @Test
    void tiersThatStopShortOfInfinityNameTheTopThatFallsThrough() {
        assertThatThrownBy(() -> new TierBasis(TierMetric.FREQUENCY,
                FixedTiers.of(Tier.of("newcomers", 1, 3), Tier.of("repeat", 3, 6)), "prospects"))
                .hasMessageStartingWith("frequency from 6 upward is not covered");
    }

    @Test
    void tiersThatStartAboveTheLowestValueNameTheBottomThatFallsThrough() {
        assertThatThrownBy(() -> new TierBasis(TierMetric.FREQUENCY,
                FixedTiers.of(Tier.of("repeat", 3, 6), Tier.of("loyal", 6, null)), "prospects"))
                .hasMessageStartingWith("frequency from 1 to below 3 is not covered");
        assertThatThrownBy(() -> new TierBasis(TierMetric.MONETARY,
                FixedTiers.of(Tier.of("low", 0, 100), Tier.of("high", 100, null)), "prospects"))
                .hasMessageStartingWith("monetary below 0 is not covered")
                .hasMessageContaining("must cover monetary from −∞ to +∞ exactly once");
    }

    @Test
    void overlappingTiersNameTheValuesAndBothSegments() {
        assertThatThrownBy(() -> new TierBasis(TierMetric.FREQUENCY,
                FixedTiers.of(Tier.of("newcomers", 1, 3), Tier.of("repeat", 2, 6), Tier.of("loyal", 6, null)), "prospects"))
                .hasMessageStartingWith("frequency from 2 to below 3 is claimed by both newcomers and repeat");
    }

    @Test
    void aTierNoBuyerCanReachIsRefused() {
        assertThatThrownBy(() -> new TierBasis(TierMetric.FREQUENCY,
                FixedTiers.of(Tier.of("nobody", 0, 1), Tier.of("buyers", 1, null)), "prospects"))
                .hasMessageContaining("tier nobody only covers frequency from 0 to below 1, which no buyer has");
    }

    @Test
    void anEmptyTierIsRefused() {
        assertThatThrownBy(() -> Tier.of("x", 3, 3)).hasMessageContaining("tier x goes from 3 to below 3, which is empty");
    }

    @Test
    void aLifecycleWithoutCatchAllIsRefused() {
        assertThatThrownBy(() -> LifecycleBasis.of(LifecycleStage.when("plan = \"trial\"", "trialist"),
                LifecycleStage.when("frequency >= 1", "payer")))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the last stage (payer when frequency >= 1) is not 'otherwise': customers meeting no condition"
                        + " would have no segment; end the lifecycle with an 'otherwise' stage");
    }

    @Test
    void stagesAfterTheCatchAllAreUnreachable() {
        assertThatThrownBy(() -> LifecycleBasis.of(LifecycleStage.otherwise("prospect"),
                LifecycleStage.when("frequency >= 1", "payer"), LifecycleStage.otherwise("prospect")))
                .hasMessageContaining("stage 1 (prospect) is 'otherwise', so [payer, prospect] after it can never be reached");
    }

    @Test
    void otherwiseIsAMarkerNotARuleText() {
        assertThatThrownBy(() -> StageCondition.rule("otherwise")).hasMessageContaining("'otherwise' is not a rule");
        assertThatThrownBy(() -> StageCondition.rule(" ")).hasMessageContaining("needs a rule");
    }

    @Test
    void aBasisNamingAnUnknownSegmentIsRefused() {
        TierBasis basis = new TierBasis(TierMetric.FREQUENCY, FixedTiers.of(Tier.of("newcomers", 1, 3), Tier.of("loyal", 3, null)), "prospects");
        assertThatThrownBy(() -> new GeneralSegmentation("f", basis, List.of(segment("prospects", 1), segment("newcomers", 2))))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the basis sends customers to [loyal], which is not a segment of this segmentation (its segments"
                        + " are [newcomers, prospects]); add it to the segments or correct the key");
    }

    @Test
    void aSegmentNoCustomerCanReachIsRefused() {
        TierBasis basis = new TierBasis(TierMetric.FREQUENCY, FixedTiers.of(Tier.of("buyers", 1, null)), "prospects");
        assertThatThrownBy(() -> new GeneralSegmentation("f", basis, List.of(segment("prospects", 1), segment("buyers", 2),
                segment("lost", 3))))
                .hasMessageContaining("no customer can ever reach [lost]: the basis sends nobody there");
    }

    @Test
    void twoSegmentsCannotShareARank() {
        TierBasis basis = new TierBasis(TierMetric.FREQUENCY, FixedTiers.of(Tier.of("newcomers", 1, 3), Tier.of("loyal", 3, null)), "prospects");
        assertThatThrownBy(() -> new GeneralSegmentation("f", basis, List.of(segment("prospects", 1), segment("newcomers", 2),
                segment("loyal", 2))))
                .hasMessageStartingWith("rank 2 is given to both newcomers and loyal")
                .hasMessageContaining("ranks run from 1 (least valuable) to 3 (most valuable)");
    }

    @Test
    void ranksCannotSkipBeyondTheNumberOfSegments() {
        TierBasis basis = new TierBasis(TierMetric.FREQUENCY, FixedTiers.of(Tier.of("buyers", 1, null)), "prospects");
        assertThatThrownBy(() -> new GeneralSegmentation("f", basis, List.of(segment("prospects", 1), segment("buyers", 3))))
                .hasMessageStartingWith("segment buyers has rank 3, but there are only 2 segments");
        assertThatThrownBy(() -> segment("buyers", 0)).hasMessageContaining("ranks start at 1");
    }

    @Test
    void segmentKeysAreUniqueLowerCaseIdentifiers() {
        TierBasis basis = new TierBasis(TierMetric.FREQUENCY, FixedTiers.of(Tier.of("buyers", 1, null)), "prospects");
        assertThatThrownBy(() -> new GeneralSegmentation("f", basis, List.of(segment("prospects", 1), segment("buyers", 2),
                segment("buyers", 3))))
                .hasMessageContaining("segment key buyers is used twice");
        assertThatThrownBy(() -> segment("Loyal", 1)).hasMessageContaining("segment key 'Loyal' is not allowed");
        assertThatThrownBy(() -> segment("1st", 1)).hasMessageContaining("starting with a letter");
    }

    static Segment segment(String key, int rank) {
        return new Segment(key, key, rank, "", "");
    }
}
