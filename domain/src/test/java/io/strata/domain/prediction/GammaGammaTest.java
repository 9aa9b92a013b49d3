package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Oracles: 30-digit evaluations of the published formulas (mpmath). */
class GammaGammaTest {

    private final GammaGamma cdnow = new GammaGamma(6.249, 3.745, 15.45);

    @Test
    void logLikelihoodOfARepeatBuyer() {
        assertThat(cdnow.logLikelihood(2, 22.35)).isCloseTo(-3.55045942441946, within(1e-10));
    }

    @Test
    void theGroupedLikelihoodEqualsTheSumOverBuyers() {
        List<RepeatSpend> spends = List.of(new RepeatSpend(2, 22.35), new RepeatSpend(2, 11.0), new RepeatSpend(5, 40.5));
        double sum = cdnow.logLikelihood(2, 22.35) + cdnow.logLikelihood(2, 11.0) + cdnow.logLikelihood(5, 40.5);
        assertThat(new GroupedSpends(spends).logLikelihood(new double[] {6.249, 3.745, 15.45})).isCloseTo(sum, within(1e-9));
    }

    @Test
    void expectedValueShrinksTheBuyersAverageTowardsThePopulationMean() {
        assertThat(cdnow.expectedAverageValue(2, 22.35)).isCloseTo(24.6590139736272, within(1e-10));
        assertThat(cdnow.expectedAverageValue(0, 0)).isCloseTo(35.1719672131148, within(1e-10));
    }

    @Test
    void predictedValueDiscountsTwelveMonthsOfExpectedPurchases() {
        ValueModel.Fitted model = new ValueModel.Fitted(new BgNbd(0.2426, 4.4135, 0.7929, 2.4258), cdnow, -1, 1, 1, 0);
        PatternForecast forecast = model.forecast(2, 30.43, 38.86, ValueHorizon.DEFAULT);
        assertThat(forecast.discountedPurchases()).isCloseTo(1.45470655936027, within(1e-10));
        assertThat(forecast.purchases30d()).isCloseTo(0.157595638695808, within(1e-10));
        assertThat(forecast.purchases90d()).isCloseTo(0.452449390783886, within(1e-10));
        assertThat(forecast.purchases365d()).isCloseTo(1.56208728576776, within(1e-10));
        assertThat(model.forecast(2, 30.43, 38.86, new ValueHorizon(1, 0.01)).purchases90d())
                .isCloseTo(forecast.purchases90d(), within(1e-12));
        assertThat(model.predict(forecast, 2, 22.35).predictedValue()).isCloseTo(35.8716293747921, within(1e-9));
    }

    @Test
    void theLikelihoodOfManyBuyersIsTheSumOfTheirs() {
        // twice the buyer above: 2 × -3.55045942441946
        assertThat(cdnow.logLikelihood(List.of(new RepeatSpend(2, 22.35), new RepeatSpend(2, 22.35)))).isCloseTo(-7.10091884883892,
                within(1e-10));
    }

    /** The mean spend p v / (q - 1) is infinite at q = 1 and below: no expected value, whatever the buyer. */
    @Test
    void aModelWithQOfOneHasNoMeanSpend() {
        GammaGamma edge = new GammaGamma(6.249, 1, 15.45);
        assertThatThrownBy(() -> edge.expectedAverageValue(2, 22.35)).isInstanceOf(IllegalStateException.class)
                .hasMessage("the Gamma-Gamma mean spend needs q > 1, this model has q 1.0");
        assertThatThrownBy(() -> edge.expectedAverageValue(0, 0)).isInstanceOf(IllegalStateException.class);
    }

    /** Each of the three must be above 0 and all finite; infinities that cancel in a difference are still refused. */
    @Test
    void everyParameterMustBePositiveAndFinite() {
        double inf = Double.POSITIVE_INFINITY;
        for (double[] g : new double[][] {{0, 1, 1}, {1, 0, 1}, {1, 1, 0}, {1, 1, -3}, {1, 1, inf}, {inf, inf, inf}, {1, inf, inf}}) {
            assertThatThrownBy(() -> new GammaGamma(g[0], g[1], g[2])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Gamma-Gamma parameters must be positive and finite; got p " + g[0] + ", q " + g[1] + ", v " + g[2]);
        }
        assertThat(new GammaGamma(Double.MIN_VALUE, Double.MIN_VALUE, Double.MIN_VALUE).v()).isEqualTo(Double.MIN_VALUE);
    }
}
