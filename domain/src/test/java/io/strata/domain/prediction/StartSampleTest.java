package io.strata.domain.prediction;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A large base's fit starts Newton's method on all buyers from the simplex's optimum on a sample of at most
 * {@link ValueModel#START_SAMPLE} patterns (since session 54; before, 20,000). Where the likelihood has an interior
 * maximum the start must not matter: the fit equals the maximum the simplex finds searching every buyer, as a small
 * base is fitted, which is the oracle here (computed in the test, slowly, from all ones).
 */
class StartSampleTest {

    private static HeterogeneousBase base;
    private static ValueModel.Fitted fitted;

    @BeforeAll
    static void fit() {
        base = HeterogeneousBase.of(60_000, 54);
        ValueModel model = ValueModel.fit(base.patterns(), base.spends(), FitPolicy.DEFAULT, base.buyers(), base.spends().size());
        assertThat(model).isInstanceOf(ValueModel.Fitted.class);
        fitted = (ValueModel.Fitted) model;
    }

    @Test
    void theBaseTakesTheLargePathWithASampleOfAFewThousand() {
        assertThat(base.patterns().size()).isGreaterThan(ValueModel.SAMPLE_PATTERNS);
        assertThat(base.spends().size()).isGreaterThan(ValueModel.SAMPLE_PATTERNS);
        assertThat(base.patterns().every(ValueModel.START_SAMPLE).size()).isBetween(ValueModel.START_SAMPLE / 2, ValueModel.START_SAMPLE);
    }

    @Test
    void bgNbdReachesTheMaximumTheSimplexFindsOverEveryBuyer() {
        GroupedPatterns all = new GroupedPatterns(base.patterns());
        MaximumLikelihood.Estimate oracle = MaximumLikelihood.maximise("BG/NBD", all::logLikelihood, new double[] {1, 1, 1, 1});

        BgNbd bg = fitted.bgNbd();
        double[] found = {bg.r(), bg.alpha(), bg.a(), bg.b()};
        for (int i = 0; i < 4; i++) {
            assertThat(found[i]).as("parameter %d", i).isCloseTo(oracle.parameters()[i], within(1e-4 * oracle.parameters()[i]));
        }
        assertThat(fitted.logLikelihood()).isGreaterThanOrEqualTo(oracle.logLikelihood() - 1e-6);
        // and the generator's parameters, roughly: 60,000 buyers pin them to a few per cent
        assertThat(bg.r()).isCloseTo(HeterogeneousBase.R, within(0.1 * HeterogeneousBase.R));
        assertThat(bg.a() / (bg.a() + bg.b())).isCloseTo(HeterogeneousBase.A / (HeterogeneousBase.A + HeterogeneousBase.B), within(0.05));
    }

    @Test
    void gammaGammaReachesTheMaximumTheSimplexFindsOverEveryRepeatBuyer() {
        GroupedSpends all = new GroupedSpends(base.spends());
        MaximumLikelihood.Estimate oracle = MaximumLikelihood.maximise("Gamma-Gamma", all::logLikelihood, new double[] {1, 1, 1});

        GammaGamma gg = fitted.gammaGamma();
        double[] found = {gg.p(), gg.q(), gg.v()};
        for (int i = 0; i < 3; i++) {
            assertThat(found[i]).as("parameter %d", i).isCloseTo(oracle.parameters()[i], within(1e-4 * oracle.parameters()[i]));
        }
        assertThat(all.logLikelihood(found)).isGreaterThanOrEqualTo(oracle.logLikelihood() - 1e-6);
    }
}
