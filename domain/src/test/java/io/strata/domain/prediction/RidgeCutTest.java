package io.strata.domain.prediction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link MaximumLikelihood}'s cut back to e^20 along a ridge, on a likelihood written out: in the logarithms of
 * (p, q, c), ℓ = −1000 − (ln p − 1 − B / q)² − (ln c − 2)² − K / q, which rises along q to its limit −1000 as K / q,
 * with a crest across the ridge at ln p = 1 + B / q (B = 10⁹: 1 at q → ∞, 3.0612 at q = e^20) and ln c = 2. Both
 * optimisers run q far beyond e^20, where the crest is at ln p ≈ 1; moved back to e^20 with p kept the point is 2.06
 * off the crest and loses 4.2, so the cut must find the crest at the bound. Flatness allows 10⁻⁶ |ℓ| = 0.001.
 */
class RidgeCutTest {

    private static final double B = 1e9;

    /** K = 100: at e^20 the ridge has 2.1 · 10⁻⁷ left to gain: cut back, on the crest there. */
    @ParameterizedTest(name = "large {0}")
    @ValueSource(booleans = {false, true})
    void aFlatRidgeIsCutBackToTheBoundOnTheCrestThere(boolean large) {
        MaximumLikelihood.Estimate fit = MaximumLikelihood.maximise("test", likelihood(100), gradient(100), START, large, 1);

        assertThat(Math.log(fit.parameters()[1])).isEqualTo(20.0);
        assertThat(Math.log(fit.parameters()[0])).isCloseTo(1 + B / Math.exp(20), within(1e-6));
        assertThat(Math.log(fit.parameters()[2])).isCloseTo(2.0, within(1e-6));
        assertThat(fit.logLikelihood()).isCloseTo(-1000 - 100 / Math.exp(20), within(1e-9));
    }

    /** K = 10⁷: at e^20 the ridge still rises by 0.021, more than flatness allows: a degenerate edge, refused. */
    @ParameterizedTest(name = "large {0}")
    @ValueSource(booleans = {false, true})
    void aRidgeStillRisingAtTheBoundIsRefused(boolean large) {
        assertThatThrownBy(() -> MaximumLikelihood.maximise("test", likelihood(1e7), gradient(1e7), START, large, 1))
                .isInstanceOf(NotFitted.class)
                .hasMessage("the test optimiser drifted to a degenerate edge (a parameter near 0 or infinity) instead of converging"
                        + " to an optimum");
    }

    private static final double[] START = {Math.E, Math.exp(25), Math.exp(2)};

    private static ToDoubleFunction<double[]> likelihood(double k) {
        return t -> {
            double offCrest = Math.log(t[0]) - 1 - B / t[1];
            double offC = Math.log(t[2]) - 2;
            return -1000 - offCrest * offCrest - offC * offC - k / t[1];
        };
    }

    private static Function<double[], double[]> gradient(double k) {
        return t -> {
            double offCrest = Math.log(t[0]) - 1 - B / t[1];
            return new double[] {-2 * offCrest / t[0], (-2 * offCrest * B + k) / (t[1] * t[1]), -2 * (Math.log(t[2]) - 2) / t[2]};
        };
    }
}
