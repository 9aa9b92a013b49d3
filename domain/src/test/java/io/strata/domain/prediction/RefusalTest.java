package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RefusalTest {

    @Test
    void tooFewRepeatBuyersAreNotFitted() {
        List<PurchasePattern> patterns = List.of(new PurchasePattern(0, 0, 30, 500), new PurchasePattern(2, 10, 30, 5));
        List<RepeatSpend> spends = List.of(new RepeatSpend(2, 10), new RepeatSpend(2, 11), new RepeatSpend(2, 12),
                new RepeatSpend(2, 13), new RepeatSpend(2, 14));
        ValueModel model = ValueModel.fit(patterns, spends, new FitPolicy(10, 0.3));
        assertThat(model).isEqualTo(new ValueModel.Unfitted("too few repeat buyers to fit: 5, at least 10 are needed", 505, 5));
    }

    @Test
    void spendThatGrowsWithFrequencyIsNotFittedAndTheCorrelationIsReported() {
        List<PurchasePattern> patterns = new ArrayList<>();
        List<RepeatSpend> spends = new ArrayList<>();
        for (int x = 1; x <= 20; x++) {
            patterns.add(new PurchasePattern(x, 20, 30, 1));
            spends.add(new RepeatSpend(x, 10.0 * x));
        }
        ValueModel model = ValueModel.fit(patterns, spends, new FitPolicy(10, 0.3));
        assertThat(model).isInstanceOf(ValueModel.Unfitted.class);
        assertThat(((ValueModel.Unfitted) model).reason()).isEqualTo("Gamma-Gamma assumes spend independent of purchase frequency, but"
                + " their correlation among repeat buyers is 1.000 (beyond ±0.30)");
    }

    /** A limit of 1 refuses no correlation: spend exactly proportional to frequency (r = 1.000) goes on to the fit. */
    @Test
    void aCorrelationAtTheLimitIsNotRefused() {
        List<PurchasePattern> patterns = new ArrayList<>();
        List<RepeatSpend> spends = new ArrayList<>();
        for (int x = 1; x <= 20; x++) {
            patterns.add(new PurchasePattern(x, 20, 30, 1));
            spends.add(new RepeatSpend(x, 10.0 * x));
        }
        ValueModel model = ValueModel.fit(patterns, spends, new FitPolicy(10, 1));
        if (model instanceof ValueModel.Unfitted unfitted) {
            assertThat(unfitted.reason()).doesNotContain("correlation");
        }
    }

    @Test
    void buyersWhoAllPurchaseAtTheLastMomentPushBgNbdToAnEdgeAndAreNotFitted() {
        // every buyer repeats often and was just seen: nothing in the data bounds the drop-out parameters
        List<PurchasePattern> patterns = List.of(new PurchasePattern(10, 30, 30, 200));
        List<RepeatSpend> spends = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            spends.add(new RepeatSpend(10, 20 + i % 7));
        }
        ValueModel model = ValueModel.fit(patterns, spends, new FitPolicy(10, 0.3));
        assertThat(model).isInstanceOf(ValueModel.Unfitted.class);
        assertThat(((ValueModel.Unfitted) model).reason()).startsWith("the BG/NBD optimiser");
    }

    /**
     * Spends whose tail has no mean: every repeat buyer's average is a quantile of a Pareto distribution of index 1/2
     * (10 / u^2 for u evenly spread over (0, 1)), so Gamma-Gamma's tail index q, which must exceed 1 for a mean spend,
     * is fitted below 1 and the fit is refused in words.
     */
    @Test
    void spendsWithoutAMeanAreRefusedForTheirTail() {
        List<PurchasePattern> patterns = new ArrayList<>();
        List<RepeatSpend> spends = new ArrayList<>();
        int n = 300;
        for (int i = 0; i < n; i++) {
            int x = 1 + i % 4;
            patterns.add(new PurchasePattern(x, 5 + i % 20, 30, 1));
            patterns.add(new PurchasePattern(0, 0, 30, 1));
            double u = (i + 0.5) / n;
            spends.add(new RepeatSpend(x, 10 / (u * u)));
        }
        ValueModel model = ValueModel.fit(patterns, spends, new FitPolicy(10, 1));
        assertThat(model).isInstanceOf(ValueModel.Unfitted.class);
        String reason = ((ValueModel.Unfitted) model).reason();
        assertThat(reason).matches("the Gamma-Gamma fit has q = 0\\.\\d{3} <= 1, so its mean spend is infinite");
    }
}
