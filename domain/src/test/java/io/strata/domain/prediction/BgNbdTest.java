package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Oracles: the paper's example (1.226 purchases) and 30-digit evaluations of the unsimplified formulas (mpmath). */
class BgNbdTest {

    private final BgNbd cdnow = new BgNbd(0.2426, 4.4135, 0.7929, 2.4258);

    @Test
    void theBuyerOfThePapersExampleIsExpectedToPurchase1point226TimesInThirtyNineWeeks() {
        assertThat(cdnow.expectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.22591119989922, within(1e-10));
        assertThat(cdnow.expectedPurchases(365 / 7.0, 2, 30.43, 38.86)).isCloseTo(1.56208728576776, within(1e-10));
    }

    @Test
    void aBuyerWithoutRepeatPurchasesIsAliveAndExpectedToBuyLess() {
        assertThat(cdnow.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        assertThat(cdnow.expectedPurchases(39, 0, 0, 38.86)).isCloseTo(0.194786550387155, within(1e-10));
    }

    @Test
    void aFrequentBuyerLongSilentIsProbablyGoneAndItsForecastStaysFinite() {
        assertThat(cdnow.probabilityAlive(150, 200, 210)).isCloseTo(0.127454361333089, within(1e-12));
        assertThat(cdnow.expectedPurchases(39, 150, 200, 210)).isCloseTo(3.25879486749605, within(1e-9));
        assertThat(cdnow.expectedPurchases(39, 20, 35, 38.86)).isCloseTo(11.3805190640671, within(1e-9));
    }

    @Test
    void probabilityAliveFollowsRecency() {
        assertThat(cdnow.probabilityAlive(2, 30.43, 38.86)).isCloseTo(0.726607997300156, within(1e-12));
        assertThat(cdnow.probabilityAlive(2, 38.86, 38.86)).isGreaterThan(cdnow.probabilityAlive(2, 30.43, 38.86));
    }

    @Test
    void logLikelihoodOfSingleBuyers() {
        assertThat(cdnow.logLikelihood(2, 30.43, 38.86)).isCloseTo(-9.45968108232050, within(1e-10));
        assertThat(cdnow.logLikelihood(0, 0, 38.86)).isCloseTo(-0.553824847378836, within(1e-10));
        assertThat(cdnow.logLikelihood(150, 200, 210)).isCloseTo(-207.478225855537, within(1e-8));
    }

    @Test
    void groupedPatternsWeighTheirBuyers() {
        double one = cdnow.logLikelihood(2, 30.43, 38.86);
        assertThat(cdnow.logLikelihood(java.util.List.of(new PurchasePattern(2, 30.43, 38.86, 3)))).isCloseTo(3 * one, within(1e-9));
    }

    @Test
    void theFastGroupedLikelihoodEqualsTheSumOverPatterns() {
        java.util.List<PurchasePattern> patterns = java.util.List.of(new PurchasePattern(0, 0, 38.86, 7), new PurchasePattern(2, 30.43, 38.86, 3),
                new PurchasePattern(2, 10, 20, 1), new PurchasePattern(150, 200, 210, 2), new PurchasePattern(1, 38.86, 38.86, 4));
        assertThat(new GroupedPatterns(patterns).logLikelihood(new double[] {0.2426, 4.4135, 0.7929, 2.4258}))
                .isCloseTo(cdnow.logLikelihood(patterns), within(1e-9));
    }

    @Test
    void dropOutWithoutHeterogeneityStillGivesFiniteForecasts() {
        // a and b as fitted to a generated base without drop-out heterogeneity; oracle: the untransformed series at 30 digits
        BgNbd edge = new BgNbd(0.3466, 1.038, 1_230_000, 4_332_000);
        assertThat(edge.expectedPurchases(365 / 7.0, 0, 0, 0)).isCloseTo(2.61683542110317, within(1e-8));
        assertThat(edge.expectedPurchases(30 / 7.0, 0, 0, 0)).isCloseTo(0.910526027543921, within(1e-8));
        assertThat(edge.expectedPurchases(365 / 7.0, 3, 0.43, 5.29)).isCloseTo(0.113109769371239, within(1e-8));
        assertThat(edge.expectedPurchases(365 / 7.0, 0, 0, 38)).isCloseTo(0.387965395627112, within(1e-8));
    }

    @Test
    void parametersMustBePositive() {
        assertThatThrownBy(() -> new BgNbd(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PurchasePattern.of(1, 5, 4)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Each of the four must be above 0 and all finite; infinities that cancel in a difference are still refused. */
    @Test
    void everyParameterMustBePositiveAndFinite() {
        double inf = Double.POSITIVE_INFINITY;
        for (double[] p : new double[][] {{1, 0, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}, {1, 1, 1, -2}, {1, 1, 1, inf}, {inf, inf, inf, inf},
                {1, inf, inf, 1}, {1, 1, inf, inf}}) {
            assertThatThrownBy(() -> new BgNbd(p[0], p[1], p[2], p[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("BG/NBD parameters must be positive and finite; got r " + p[0] + ", α " + p[1] + ", a " + p[2] + ", b " + p[3]);
        }
        assertThat(new BgNbd(Double.MIN_VALUE, Double.MIN_VALUE, Double.MIN_VALUE, Double.MIN_VALUE).b()).isEqualTo(Double.MIN_VALUE);
    }
}
