package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settings a run's predictions take, at the ends of their documented ranges (docs/predictions.md): a value horizon of
 * 1 to 120 months with a monthly discount in [0, 1), a fit policy of at least 3 repeat buyers and a correlation limit in
 * (0, 1]; and a repeat buyer's positive average spend.
 */
class SettingsTest {

    @Test
    void aValueHorizonIsOneToOneHundredTwentyMonthsAtADiscountFromZeroToBelowOne() {
        assertThat(new ValueHorizon(1, 0).months()).isEqualTo(1);
        assertThat(new ValueHorizon(120, 0.999).months()).isEqualTo(120);
        for (Object[] wrong : new Object[][] {{0, 0.01}, {121, 0.01}, {12, 1.0}, {12, -0.001}, {12, Double.NaN}}) {
            assertThatThrownBy(() -> new ValueHorizon((int) wrong[0], (double) wrong[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a value horizon is 1 to 120 months with a monthly discount in [0, 1); got " + wrong[0] + " months at " + wrong[1]);
        }
    }

    @Test
    void aFitPolicyNeedsThreeRepeatBuyersOrMoreAndACorrelationLimitAboveZeroUpToOne() {
        assertThat(new FitPolicy(3, 1).maximumSpendCorrelation()).isEqualTo(1.0);
        assertThat(new FitPolicy(3, Double.MIN_VALUE).minimumRepeatBuyers()).isEqualTo(3);
        for (Object[] wrong : new Object[][] {{2, 0.3}, {3, 0.0}, {3, 1.0000001}, {3, Double.NaN}}) {
            assertThatThrownBy(() -> new FitPolicy((int) wrong[0], (double) wrong[1])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("a fit needs at least 3 repeat buyers and a correlation limit in (0, 1]; got " + wrong[0] + " and " + wrong[1]);
        }
    }

    @Test
    void aRepeatBuyersAverageSpendIsPositive() {
        assertThat(new RepeatSpend(1, Double.MIN_VALUE).x()).isEqualTo(1);
        assertThatThrownBy(() -> new RepeatSpend(1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Gamma-Gamma needs a repeat buyer (x >= 1) with a positive average value; got x 1, average 0.0");
        assertThatThrownBy(() -> new RepeatSpend(0, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
