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
}
