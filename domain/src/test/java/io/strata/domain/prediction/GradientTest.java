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
