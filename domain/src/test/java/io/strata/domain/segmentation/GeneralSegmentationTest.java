package io.strata.domain.segmentation;

import io.strata.domain.customer.CustomerId;
import io.strata.domain.metrics.CustomerMetrics;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A general segmentation's own checks, with the refusals' exact words, and the migration matrix's empty cells. */
class GeneralSegmentationTest {

    private static final TierBasis SPEND = new TierBasis(TierMetric.MONETARY,
            FixedTiers.of(Tier.of("low", null, 10), Tier.of("high", 10, null)), "none");

    private static List<Segment> segments(String... keys) {
        List<Segment> segments = new java.util.ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            segments.add(new Segment(keys[i], "Segment " + keys[i], i + 1, "", ""));
        }
        return segments;
    }

    @Test
    void aNameHasTwoHundredCharactersAtMostAndNoControlCharacters() {
        assertThat(new GeneralSegmentation("n".repeat(200), SPEND, segments("none", "low", "high")).name()).hasSize(200);
        assertThatThrownBy(() -> new GeneralSegmentation("n".repeat(201), SPEND, segments("none", "low", "high")))
                .isInstanceOf(InvalidSegmentation.class).hasMessage("the name has 201 characters; at most 200 are allowed");
        assertThatThrownBy(() -> new GeneralSegmentation("Spend\u0001", SPEND, segments("none", "low", "high")))
                .isInstanceOf(InvalidSegmentation.class).hasMessageStartingWith("the name holds the control character U+0001 at character 6");
    }

    @Test
    void oneKeyTheBasisUsesButTheSegmentsLackIsNamedInTheSingular() {
        assertThatThrownBy(() -> new GeneralSegmentation("S", SPEND, segments("none", "low")))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the basis sends customers to [high], which is not a segment of this segmentation (its segments are "
                        + "[low, none]); add it to the segments or correct the key");
    }

    @Test
    void severalKeysTheBasisUsesButTheSegmentsLackAreNamedInThePlural() {
        assertThatThrownBy(() -> new GeneralSegmentation("S", SPEND, segments("none")))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessage("the basis sends customers to [high, low], which are not segments of this segmentation (its segments are "
                        + "[none]); add them to the segments or correct the key");
    }

    @Test
    void segmentsNobodyCanReachAreNamedInTheSingularOrPlural() {
        assertThatThrownBy(() -> new GeneralSegmentation("S", SPEND, segments("none", "low", "high", "extra")))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessage("no customer can ever reach [extra]: the basis sends nobody there; give it a place in the basis or remove it");
        assertThatThrownBy(() -> new GeneralSegmentation("S", SPEND, segments("none", "low", "high", "extra", "more")))
                .isInstanceOf(InvalidSegmentation.class)
                .hasMessage("no customer can ever reach [extra, more]: the basis sends nobody there; give them a place in the basis or "
                        + "remove them");
    }

    @Test
    void theMigrationMatrixHoldsEveryPairOfSegmentsEvenWhereNobodyMoved() {
        GeneralSegmentation spend = new GeneralSegmentation("S", SPEND, segments("none", "low", "high"));
        Assignment lowBefore = new Assignment(new CustomerId("a"), "low", null, CustomerMetrics.none());
        Assignment highAfter = new Assignment(new CustomerId("a"), "high", null, CustomerMetrics.none());

        Migration migration = Migration.between(spend, List.of(lowBefore), List.of(highAfter));

        assertThat(migration.counts()).containsOnlyKeys("none", "low", "high");
        assertThat(migration.counts().values()).allSatisfy(row -> assertThat(row).containsOnlyKeys("none", "low", "high"));
        assertThat(migration.counts().get("low").get("high")).isEqualTo(1);
        assertThat(migration.counts().get("none").get("none")).isZero();
        assertThat(migration.counts().get("high").get("low")).isZero();
    }
}
