package io.strata.domain.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmentationTemplatesTest {

    /** The contract's rfm-classic table, written out cell by cell: row R = 1..5, column F = 1..5. */
    static final String[][] CONTRACT_GRID = {
            {"hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"},
            {"hibernating", "hibernating", "at_risk", "at_risk", "cant_lose"},
            {"about_to_sleep", "about_to_sleep", "need_attention", "loyal_customers", "loyal_customers"},
            {"promising", "potential_loyalists", "potential_loyalists", "loyal_customers", "loyal_customers"},
            {"new_customers", "potential_loyalists", "potential_loyalists", "champions", "champions"}};

    @Test
    void theCatalogueOffersTheContractTemplatesAndFiveMore() {
        assertThat(SegmentationTemplates.all()).extracting(SegmentationTemplate::key).containsExactly("rfm-classic",
                "frequency-tiers", "product-breadth", "value-tiers", "predicted-value-tiers", "subscription-lifecycle", "user-status");
    }

    @Test
    void rfmClassicMapsEveryCellOfTheContractTableWhateverTheMonetaryScore() {
        RfmBasis basis = (RfmBasis) SegmentationTemplates.instantiate("rfm-classic", "x").basis();
        assertThat(basis.thirdDimension()).isEqualTo(ThirdDimension.MONETARY);
        assertThat(basis.noPurchaseSegment()).isEqualTo("prospects");
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                for (int m = 1; m <= 5; m++) {
                    assertThat(basis.segmentOf(r, f, m)).as("R=%d F=%d M=%d", r, f, m).isEqualTo(CONTRACT_GRID[r - 1][f - 1]);
                }
            }
        }
    }

    @Test
    void rfmClassicRanksProspectsLowestAndChampionsHighest() {
        GeneralSegmentation rfm = SegmentationTemplates.instantiate("rfm-classic", "x");
        assertThat(rfm.segmentsByRank()).extracting(Segment::key).containsExactly("prospects", "hibernating",
                "about_to_sleep", "at_risk", "cant_lose", "need_attention", "promising", "new_customers",
                "potential_loyalists", "loyal_customers", "champions");
    }

    @Test
    void frequencyTiersAreTheContractsFourSegments() {
        GeneralSegmentation tiers = SegmentationTemplates.instantiate("frequency-tiers", "x");
        assertThat(tiers.segmentsByRank()).extracting(Segment::key).containsExactly("prospects", "newcomers", "repeat", "loyal");
        TierBasis basis = (TierBasis) tiers.basis();
        assertThat(basis.metric()).isEqualTo(TierMetric.FREQUENCY);
        assertThat(((FixedTiers) basis.split()).tiers()).containsExactly(Tier.of("newcomers", 1, 3), Tier.of("repeat", 3, 6),
                Tier.of("loyal", 6, null));
    }

    @Test
    void everyTemplateHasADescriptionAndEverySegmentADescriptionAndAGoal() {
        for (SegmentationTemplate template : SegmentationTemplates.all()) {
            assertThat(template.description()).as(template.key()).isNotBlank();
            assertThat(template.definition().segments()).as(template.key())
                    .allSatisfy(segment -> {
                        assertThat(segment.description()).as(segment.key()).isNotBlank();
                        assertThat(segment.goal()).as(segment.key()).isNotBlank();
                    });
        }
    }

    @Test
    void aPlannerCanEditAGoalWithoutTouchingTheRest() {
        GeneralSegmentation rfm = SegmentationTemplates.instantiate("rfm-classic", "Ours");
        GeneralSegmentation edited = rfm.withGoal("at_risk", "call them: move to loyal_customers");
        assertThat(edited.segmentOf("at_risk").goal()).isEqualTo("call them: move to loyal_customers");
        assertThat(edited.segmentOf("champions")).isEqualTo(rfm.segmentOf("champions"));
        assertThat(edited.name()).isEqualTo("Ours");
        assertThat(rfm.segmentOf("at_risk").goal()).isNotEqualTo(edited.segmentOf("at_risk").goal());
    }

    @Test
    void anUnknownTemplateNamesTheKnownOnes() {
        assertThatThrownBy(() -> SegmentationTemplates.instantiate("rfm", "x"))
                .hasMessageContaining("there is no template 'rfm'").hasMessageContaining("rfm-classic");
    }
}
