package io.strata.domain.prediction;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A base like bench/prediction-benchmark.sh's (every buyer's further orders spread over an exponential span; no
 * heterogeneity in drop-out, so BG/NBD's a and b run off together along a ridge), with more patterns than the
 * sample the simplex searches: the fit on all buyers must stay bounded instead of searching them all with the
 * simplex (hundreds of evaluations of the full likelihood before this was fixed).
 */
class RidgeFitTest {

    /** A million customers: at this size the forward-difference Hessian on the ridge is too noisy to call a maximum. */
    private static final GeneratedBase BASE = generatedBase(1_000_000);

    @Test
    void bgNbdOnARidgeIsFittedWithABoundedNumberOfFullLikelihoodEvaluations() {
        PatternColumns patterns = BASE.patterns();
        assertThat(patterns.size()).isGreaterThan(ValueModel.SAMPLE_PATTERNS);
        GroupedPatterns all = new GroupedPatterns(patterns);
        AtomicInteger evaluations = new AtomicInteger();
        AtomicInteger gradients = new AtomicInteger();
        double[] start = ValueModel.startOf("BG/NBD", new GroupedPatterns(patterns.every(ValueModel.START_SAMPLE))::logLikelihood, 4, true);

        MaximumLikelihood.Estimate fit = MaximumLikelihood.maximise("BG/NBD", p -> {
            evaluations.incrementAndGet();
            return all.logLikelihood(p);
        }, p -> {
            gradients.incrementAndGet();
            return all.gradient(p);
        }, start, true);

        // on the ridge: a and b in the hundreds of thousands or more, their ratio (the mean drop-out a / (a + b)) pinned
        assertThat(fit.parameters()[2]).isGreaterThan(1e4);
        assertThat(fit.parameters()[2] / (fit.parameters()[2] + fit.parameters()[3])).isBetween(0.15, 0.35);
        // Newton's few steps (each one gradient and four more for the Hessian) and a couple of evaluations; a simplex
        // over all patterns needs hundreds of evaluations
        assertThat(evaluations.get()).isLessThanOrEqualTo(10);
        assertThat(gradients.get()).isLessThanOrEqualTo(5 * 40);
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(all.logLikelihood(start));
    }

    @Test
    void gammaGammaOnARidgeIsFittedWithABoundedNumberOfFullLikelihoodEvaluations() {
        SpendColumns spends = BASE.spends();
        GroupedSpends all = new GroupedSpends(spends);
        AtomicInteger evaluations = new AtomicInteger();
        AtomicInteger gradients = new AtomicInteger();
        double[] start = ValueModel.startOf("Gamma-Gamma", new GroupedSpends(spends.every(ValueModel.START_SAMPLE))::logLikelihood, 3, true);

        // as ValueModel.fitGammaGamma searches: in the coordinates p, q, v / q, with q along the ridge
        MaximumLikelihood.Estimate fit = MaximumLikelihood.maximise("Gamma-Gamma", p -> {
            evaluations.incrementAndGet();
            return all.ridgeLogLikelihood(p);
        }, p -> {
            gradients.incrementAndGet();
            return all.ridgeGradient(p);
        }, GroupedSpends.alongRidge(start), true, 1);

        // no spend heterogeneity: q and v run off together, the mean spend p v / (q - 1) stays about the generator's
        // (uniform on 0..122 for the positive orders, several a day summed: about 64)
        double[] pqv = GroupedSpends.natural(fit.parameters());
        assertThat(pqv[1]).isGreaterThan(1e4);
        assertThat(pqv[0] * pqv[2] / (pqv[1] - 1)).isBetween(60.0, 70.0);
        assertThat(evaluations.get()).isLessThanOrEqualTo(10);
        assertThat(gradients.get()).isLessThanOrEqualTo(4 * 40);
        assertThat(fit.logLikelihood()).isGreaterThanOrEqualTo(all.logLikelihood(start));
    }

    /**
     * The bug of 2026-12-03: the same base with its repeat buyers' spends read in another order (here shuffled with a
     * fixed seed, as reading them in customer-key order did on a generated base) was refused, "the Gamma-Gamma optimiser
     * did not reach a flat likelihood within 200 evaluations". The sample the start is searched on differed, the start
     * lay farther along the ridge (q about 10⁷ and more), and there the likelihood summed as in the formula (terms of
     * q ln v, 10⁸ a buyer, cancelling over 700,000 buyers) carried a rounding noise of tens, its gradient of units: no
     * point could be flat. Whatever the order, the fit must be made, with the mean spend the data give when ν does not
     * vary: the pooled mean of the repeat purchases, Σ x m / Σ x.
     */
    @Test
    void gammaGammaOnTheRidgeIsFittedWhateverTheOrderOfTheSpends() {
        SpendColumns spends = BASE.spends();
        int n = spends.size();
        double purchases = 0;
        double spent = 0;
        for (int i = 0; i < n; i++) {
            purchases += spends.x(i);
            spent += spends.x(i) * spends.average(i);
        }
        // the oracle, written out: the generator's 700,352 repeat buyers made 2,360,127 repeat purchases averaging this
        double pooledMean = 64.1434697880;
        assertThat(n).isEqualTo(700_352);
        assertThat(spent / purchases).isCloseTo(pooledMean, org.assertj.core.api.Assertions.within(1e-9));
        for (long seed : new long[] {1, 10}) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            Random random = new Random(seed);
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            SpendColumns.Builder shuffled = new SpendColumns.Builder(n);
            for (int i : order) {
                shuffled.add(spends.x(i), spends.average(i));
            }

            ValueModel model = ValueModel.fit(BASE.patterns(), shuffled.build(), FitPolicy.DEFAULT, 1_000_000, n);

            assertThat(model).as("seed %d: %s", seed, model).isInstanceOf(ValueModel.Fitted.class);
            GammaGamma gg = ((ValueModel.Fitted) model).gammaGamma();
            assertThat(gg.q()).as("on the ridge").isGreaterThan(1e4);
            assertThat(gg.expectedAverageValue(0, 0)).isCloseTo(pooledMean, org.assertj.core.api.Assertions.within(0.01));
            // no heterogeneity in ν: a buyer's own average barely moves the expectation away from the pooled mean
            assertThat(gg.expectedAverageValue(1, 10.0)).isFinite().isCloseTo(pooledMean, org.assertj.core.api.Assertions.within(0.01));
            assertThat(gg.expectedAverageValue(20, 500.0)).isFinite().isCloseTo(pooledMean, org.assertj.core.api.Assertions.within(0.1));
        }
    }

    /** {@link GeneratedBase#of(int, long)} with the seed 20 the million-customer base above was made with. */
    static GeneratedBase generatedBase(int customers) {
        return GeneratedBase.of(customers, 20);
    }
}
