package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Reference values: R's 2 * pnorm(-|z|) and pnorm(z), to 10+ digits. */
class NormalDistributionTest {

    @Test
    void theTwoSidedTailAtZ196IsFivePercent() {
        assertThat(NormalDistribution.twoSidedTail(1.96)).isCloseTo(0.04999579029644087, within(1e-8));
    }

    @Test
    void theClassicCriticalValuesGiveOnePercentAndOnePerMille() {
        assertThat(NormalDistribution.twoSidedTail(2.5758293035489)).isCloseTo(0.01, within(1e-9));
        assertThat(NormalDistribution.twoSidedTail(-3.2905267314919)).isCloseTo(0.001, within(1e-10));
    }

    @Test
    void oneStandardDeviationLeavesAboutAThirdOutside() {
        assertThat(NormalDistribution.twoSidedTail(1.0)).isCloseTo(0.31731050786291415, within(1e-7));
    }

    @Test
    void smallTailsKeepTheirRelativeAccuracy() {
        double exact = 5.733031437583892e-07;

        assertThat(Math.abs(NormalDistribution.twoSidedTail(5.0) - exact) / exact).isLessThan(2e-7);
    }

    @Test
    void theCdfIsAHalfAtZeroAndFivePercentAtMinus1645() {
        assertThat(NormalDistribution.cdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(NormalDistribution.cdf(-1.6448536269514722)).isCloseTo(0.05, within(1e-8));
        assertThat(NormalDistribution.cdf(1.6448536269514722)).isCloseTo(0.95, within(1e-8));
    }

    @Test
    void erfcStaysWithinItsDocumentedFractionalErrorOfTheExactValues() {
        // exact erfc(x) for x = 0, 0.5, 1, 2, 3 (Python's math.erfc)
        double[] xs = {0, 0.5, 1, 2, 3};
        double[] exact = {1.0, 0.4795001221869535, 0.15729920705028513, 0.004677734981047266, 2.209049699858544e-05};
        for (int i = 0; i < xs.length; i++) {
            assertThat(Math.abs(NormalDistribution.erfc(xs[i]) - exact[i]) / exact[i]).isLessThan(1.2e-7);
            assertThat(NormalDistribution.erfc(-xs[i])).isCloseTo(2 - exact[i], within(2.4e-7));
        }
    }
}
