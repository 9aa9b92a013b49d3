package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Gamma-Gamma's ridge on a small base (at most {@link ValueModel#SAMPLE_PATTERNS} repeat buyers: the simplex searches
 * every spend and stops far beyond e^20 in q, whence the point is cut back to the bound). The generator's spends have
 * no heterogeneity in ν, so the fit must be made with the mean spend the data give, the pooled mean of the repeat
 * purchases (Σ x m̄ / Σ x), as on the million-customer base ({@link RidgeFitTest}). Before session 30 every such base
 * was refused, "the Gamma-Gamma optimiser drifted to a degenerate edge": the simplex stops where the likelihood no
 * longer changes by its tolerance, short of the crest across the ridge (in p and v / q) by a gradient of 0.1–0.2 in
 * the logarithms, and at 14,065 buyers flatness allows 0.065 in all.
 */
class SmallRidgeFitTest {

    @Test
    void twentyThousandCustomersAreFittedWithThePooledMeanSpend() {
        GeneratedBase base = GeneratedBase.of(20_000, 20);
        // the oracle, written out: 14,065 repeat buyers whose repeat purchases average this
        assertThat(base.spends().size()).isEqualTo(14_065);
        assertThat(base.pooledMeanSpend()).isCloseTo(64.3642017807, within(1e-9));

        assertFittedOnTheRidge(base, 20_000, 64.3642017807);
    }

    /**
     * Other sizes and seeds of the same generator: on the small base's path (up to 19,718 repeat buyers, just under
     * the sample's 20,000) and on the large one's (35,108 and 140,132: Newton from a sample's start), each with the
     * pooled mean of its repeat purchases written out.
     */
    @ParameterizedTest(name = "{0} customers, seed {1}")
    @CsvSource({
            "5000, 20, 3487, 63.7760956530",
            "20000, 1, 13962, 64.2809662039",
            "28000, 20, 19718, 64.3057166318",
            "50000, 20, 35108, 64.2582467850",
            "200000, 20, 140132, 64.2439030485"})
    void otherSizesAndSeedsAreFittedWithThePooledMeanSpend(int customers, long seed, int repeatBuyers, double pooledMean) {
        GeneratedBase base = GeneratedBase.of(customers, seed);
        assertThat(base.spends().size()).isEqualTo(repeatBuyers);
        assertThat(base.pooledMeanSpend()).isCloseTo(pooledMean, within(1e-9));

        assertFittedOnTheRidge(base, customers, pooledMean);
    }

    /**
     * Truly degenerate: every repeat buyer spends exactly the same, so nothing bounds p (a buyer's spends without any
     * spread): the likelihood grows without end off the ridge, and the fit is still refused.
     */
    @Test
    void spendsWithoutAnySpreadAreStillRefusedAsADegenerateEdge() {
        List<PurchasePattern> patterns = new ArrayList<>();
        List<RepeatSpend> spends = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int x = i % 3;
            patterns.add(new PurchasePattern(x, x == 0 ? 0 : 10 + i % 20, 40, 1));
            if (x > 0) {
                spends.add(new RepeatSpend(x, 25.0));
            }
        }

        ValueModel model = ValueModel.fit(patterns, spends, FitPolicy.DEFAULT);

        assertThat(model).isInstanceOf(ValueModel.Unfitted.class);
        assertThat(((ValueModel.Unfitted) model).reason()).isEqualTo("the Gamma-Gamma optimiser drifted to a degenerate edge"
                + " (a parameter near 0 or infinity) instead of converging to an optimum");
    }

    private static void assertFittedOnTheRidge(GeneratedBase base, int customers, double pooledMean) {
        ValueModel model = ValueModel.fit(base.patterns(), base.spends(), FitPolicy.DEFAULT, customers, base.spends().size());

        assertThat(model).as("%s", model).isInstanceOf(ValueModel.Fitted.class);
        GammaGamma gg = ((ValueModel.Fitted) model).gammaGamma();
        assertThat(gg.q()).as("on the ridge").isGreaterThan(1e4);
        assertThat(gg.expectedAverageValue(0, 0)).isCloseTo(pooledMean, within(0.01 * pooledMean));
        // no heterogeneity in ν: a buyer's own average barely moves the expectation away from the pooled mean
        assertThat(gg.expectedAverageValue(20, 500.0)).isCloseTo(pooledMean, within(0.01 * pooledMean));
    }
}
