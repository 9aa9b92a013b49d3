package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The analytic gradients the fit climbs agree with central finite differences of the log-likelihoods (which
 * {@link BgNbdTest} and {@link GammaGammaTest} check against 30-digit values), at points far from and near the optimum.
 */
class GradientTest {

    private static final List<PurchasePattern> PATTERNS = List.of(new PurchasePattern(0, 0, 38.86, 7), new PurchasePattern(2, 30.43, 38.86, 3),
            new PurchasePattern(2, 10, 20, 1), new PurchasePattern(150, 200, 210, 2), new PurchasePattern(1, 38.86, 38.86, 4),
            new PurchasePattern(1, 0.5, 38.86, 2), new PurchasePattern(0, 0, 3, 1));
    private static final List<RepeatSpend> SPENDS = List.of(new RepeatSpend(1, 12.5), new RepeatSpend(2, 30), new RepeatSpend(2, 8.25),
            new RepeatSpend(5, 41.1), new RepeatSpend(9, 17));

    @Test
    void bgNbdGradientEqualsFiniteDifferences() {
        GroupedPatterns grouped = new GroupedPatterns(PATTERNS);
        for (double[] at : new double[][] {{0.2426, 4.4135, 0.7929, 2.4258}, {1, 1, 1, 1}, {3, 0.2, 0.05, 40}}) {
            assertGradient(grouped::logLikelihood, grouped.gradient(at), at, 1e-5);
        }
        // a and b in the millions: the log-likelihood holds Gamma functions near 1e8, whose rounding (about 1e-8 each)
        // the finite differences divide by their step, so they are only good to about 1e-3 there
        double[] edge = {0.35, 1.04, 1.2e6, 4.3e6};
        assertGradient(grouped::logLikelihood, grouped.gradient(edge), edge, 2e-3);
    }

    @Test
    void gammaGammaGradientEqualsFiniteDifferences() {
        GroupedSpends grouped = new GroupedSpends(SPENDS);
        for (double[] at : new double[][] {{6.25, 3.74, 15.45}, {1, 1, 1}, {0.3, 40, 2e3}}) {
            assertGradient(grouped::logLikelihood, grouped.gradient(at), at, 1e-5);
        }
    }

    /** In the ridge's coordinates p, q, c = v / q, which Gamma-Gamma is fitted in: ∂/∂q = ∂ℓ/∂q + c ∂ℓ/∂v, ∂/∂c = q ∂ℓ/∂v. */
    @Test
    void gammaGammaGradientAlongTheRidgeEqualsFiniteDifferences() {
        GroupedSpends grouped = new GroupedSpends(SPENDS);
        for (double[] at : new double[][] {{6.25, 3.74, 15.45 / 3.74}, {1, 1, 1}, {0.3, 40, 50}}) {
            assertGradient(grouped::ridgeLogLikelihood, grouped.ridgeGradient(at), at, 1e-5);
        }
    }

    /**
     * A buyer with 150 repeat purchases in the first week and 1,000 weeks of silence since: the drop-out term outweighs
     * the other by e^779.5, beyond what a double's exponential holds (e^709), so the weight of the drop-out term must be
     * worked out on the side that does not overflow. Oracle: the derivatives of the paper's equation 6 for this buyer at
     * CDNOW's parameters, taken by mpmath at 40 digits (ln L = 337.953735252310), to 9 digits.
     */
    @Test
    void theGradientStaysFiniteWhereTheDropOutTermOutweighsTheOtherBeyondADoublesRange() {
        double[] gradient = new GroupedPatterns(List.of(new PurchasePattern(150, 1, 1000, 1))).gradient(new double[] {0.2426, 4.4135, 0.7929, 2.4258});
        assertThat(gradient[0]).isCloseTo(9.16305372322289, within(1e-8));
        assertThat(gradient[1]).isCloseTo(-27.6983526899973, within(1e-8));
        assertThat(gradient[2]).isCloseTo(-2.76174038336602, within(1e-8));
        assertThat(gradient[3]).isCloseTo(0.327750466949697, within(1e-8));
    }

    private static void assertGradient(ToDoubleFunction<double[]> logLikelihood, double[] analytic, double[] at, double tolerance) {
        for (int i = 0; i < at.length; i++) {
            double h = 1e-4 * at[i];
            double[] up = at.clone();
            double[] down = at.clone();
            up[i] += h;
            down[i] -= h;
            double numeric = (logLikelihood.applyAsDouble(up) - logLikelihood.applyAsDouble(down)) / (2 * h);
            assertThat(analytic[i]).as("∂/∂θ%d at %s", i, java.util.Arrays.toString(at))
                    .isCloseTo(numeric, within(tolerance * Math.max(1, Math.abs(numeric))));
        }
    }
}
