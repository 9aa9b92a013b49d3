package io.strata.domain.prediction;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.IntStream;

/**
 * BG/NBD and Gamma-Gamma fitted together to a set of buyers, or the reason they were not. A model is fitted or it is
 * not: an unfitted one has no parameters to predict with, so nothing can be made up from it.
 */
public sealed interface ValueModel permits ValueModel.Fitted, ValueModel.Unfitted {

    long customers();

    long repeatBuyers();

    /** Both models fitted; {@code logLikelihood} is BG/NBD's maximum over all buyers. */
    record Fitted(BgNbd bgNbd, GammaGamma gammaGamma, double logLikelihood, long customers, long repeatBuyers,
                  double spendCorrelation) implements ValueModel {

        /** Throws {@link NotFitted} when parameters at the edge of their range give no finite forecast. */
        public PatternForecast forecast(int x, double recency, double age, ValueHorizon horizon) {
            return finite(PatternForecast.of(bgNbd, x, recency, age, horizon), x, recency, age);
        }

        /**
         * The forecasts if alive of distinct (x, T) pairs ({@code x[i]}, {@code ages[i]} in weeks), in their order, each
         * summed once, on every core: what a run stores since changeset 470 (a million buyers show some 20,000 such pairs
         * against 457,000 (x, t_x, T) patterns); each buyer's P(alive) is worked out at read. Each pattern's own forecast
         * ({@link #forecast(int, double, double, ValueHorizon)}) is these divided by its 1 / P(alive); until changeset 470 a
         * run scored its patterns that way, the series summed once per (x, T). Throws {@link NotFitted} when one
         * is not finite: then neither is the forecast of any pattern with that x and T (1 / P(alive) is at least 1).
         */
        public PatternForecast.IfAlive[] forecastsIfAlive(int[] x, double[] ages, ValueHorizon horizon) {
            if (x.length != ages.length) {
                throw new IllegalArgumentException("one age per x: " + x.length + " x against " + ages.length + " ages");
            }
            PatternForecast.IfAlive[] ifAlive = new PatternForecast.IfAlive[x.length];
            IntStream.range(0, x.length).parallel().forEach(k -> ifAlive[k] = PatternForecast.IfAlive.of(bgNbd, x[k], ages[k], horizon));
            for (int k = 0; k < x.length; k++) {
                PatternForecast.IfAlive f = ifAlive[k];
                if (!Double.isFinite(f.purchases30d() + f.purchases90d() + f.purchases365d() + f.discountedPurchases())) {
                    throw new NotFitted(String.format(Locale.ROOT, "the fitted BG/NBD (r %.4g, α %.4g, a %.4g, b %.4g) gives no finite forecast"
                            + " for x %d, T %.2f: its parameters lie at the edge of their range", bgNbd.r(), bgNbd.alpha(), bgNbd.a(),
                            bgNbd.b(), x[k], ages[k]));
                }
            }
            return ifAlive;
        }

        private PatternForecast finite(PatternForecast forecast, int x, double recency, double age) {
            if (!Double.isFinite(forecast.discountedPurchases() + forecast.purchases365d() + forecast.probabilityAlive())) {
                throw new NotFitted(String.format(Locale.ROOT, "the fitted BG/NBD (r %.4g, α %.4g, a %.4g, b %.4g) gives no finite forecast"
                        + " for x %d, t_x %.2f, T %.2f: its parameters lie at the edge of their range", bgNbd.r(), bgNbd.alpha(), bgNbd.a(),
                        bgNbd.b(), x, recency, age));
            }
            return forecast;
        }

        /** {@code averageValue} is that of the repeat purchases; it is not read when x is 0. */
        public CustomerPrediction predict(PatternForecast forecast, int x, double averageValue) {
            double value = gammaGamma.expectedAverageValue(x, averageValue);
            return new CustomerPrediction(forecast.probabilityAlive(), forecast.purchases30d(), forecast.purchases90d(),
                    forecast.purchases365d(), value, value * forecast.discountedPurchases());
        }
    }

    record Unfitted(String reason, long customers, long repeatBuyers) implements ValueModel {
    }

    /**
     * Above this many patterns (or repeat buyers) a base is large: the simplex searches an evenly spread sample of at
     * most {@link #START_SAMPLE} of them (every k-th) for Newton's start, and Newton's point on all of them is accepted
     * when flat (see {@link MaximumLikelihood#maximise(String, ToDoubleFunction, java.util.function.Function, double[], boolean)}).
     */
    int SAMPLE_PATTERNS = 20_000;

    /**
     * The large base's sample for the simplex. It only places Newton's start, and Newton's first steps on all buyers
     * cost less than the simplex's hundreds of evaluations of a larger sample: until session 54 the sample was
     * {@link #SAMPLE_PATTERNS} large and the simplex on it most of the fit (docs/benchmarks.md, "Session 54: predictions").
     */
    int START_SAMPLE = 4_000;

    /**
     * Where Newton's method on all buyers starts: the simplex's optimum on a sample (of at most {@link #START_SAMPLE}
     * patterns for a large base), from all ones. For a small base the sample is everyone and the simplex settles as it always did; for a
     * large one its search is bounded and its best point taken (see {@link MaximumLikelihood#start}). The expensive
     * likelihood of a million buyers is then only evaluated, with its gradient, near its optimum.
     */
    static double[] startOf(String model, ToDoubleFunction<double[]> sampleLikelihood, int parameters, boolean large) {
        return startOf(model, sampleLikelihood, parameters, large, MaximumLikelihood.PRODUCTION);
    }

    private static double[] startOf(String model, ToDoubleFunction<double[]> sampleLikelihood, int parameters, boolean large,
                                    MaximumLikelihood.Budget budget) {
        double[] ones = new double[parameters];
        Arrays.fill(ones, 1);
        if (large) {
            return MaximumLikelihood.start(sampleLikelihood, ones, budget);
        }
        try {
            return MaximumLikelihood.maximise(model, sampleLikelihood, ones, budget).parameters();
        } catch (NotFitted e) {
            return ones; // the full fit decides
        }
    }

    /**
     * Gamma-Gamma's maximum over all repeat buyers from {@code start} ({p, q, v}), searched in the coordinates
     * {p, q, v / q} where its ridge (no heterogeneity in ν: q and v to infinity together) runs along q alone (see
     * {@link GroupedSpends#ridgeLogLikelihood}); the estimate's parameters are {p, q, v}.
     */
    static MaximumLikelihood.Estimate fitGammaGamma(GroupedSpends all, double[] start, boolean large, MaximumLikelihood.Budget budget) {
        MaximumLikelihood.Estimate ridge = MaximumLikelihood.maximise("Gamma-Gamma", all::ridgeLogLikelihood, all::ridgeGradient,
                GroupedSpends.alongRidge(start), large, 1, budget);
        return new MaximumLikelihood.Estimate(GroupedSpends.natural(ridge.parameters()), ridge.logLikelihood());
    }

    /**
     * Fits BG/NBD to every buyer's pattern and Gamma-Gamma to the repeat buyers' spend, or says why not: too few
     * repeat buyers, spend correlated with frequency, an optimiser that does not converge, or a spend model without a
     * finite mean (q <= 1).
     */
    static ValueModel fit(Collection<PurchasePattern> patterns, List<RepeatSpend> spends, FitPolicy policy) {
        PatternColumns columns = PatternColumns.of(patterns);
        long repeatBuyers = columns.repeatBuyers();
        if (repeatBuyers != spends.size()) {
            throw new IllegalArgumentException("the patterns count " + repeatBuyers + " repeat buyers but " + spends.size()
                    + " spends were given");
        }
        return fit(columns, SpendColumns.of(spends), policy, columns.totalBuyers(), repeatBuyers);
    }

    /**
     * As {@link #fit(Collection, List, FitPolicy)}, on columns: {@code patterns} may be those of a sample of the
     * {@code customers} buyers and {@code spends} a sample of the {@code repeatBuyers} (a base too large to hold), the
     * counts reported and checked against the policy are those of all of them.
     */
    public static ValueModel fit(PatternColumns patterns, SpendColumns spends, FitPolicy policy, long customers, long repeatBuyers) {
        return fit(patterns, spends, policy, customers, repeatBuyers, MaximumLikelihood.PRODUCTION);
    }

    /** As {@link #fit(PatternColumns, SpendColumns, FitPolicy, long, long)}, the optimisers within {@code budget}. */
    static ValueModel fit(PatternColumns patterns, SpendColumns spends, FitPolicy policy, long customers, long repeatBuyers,
                          MaximumLikelihood.Budget budget) {
        if (repeatBuyers < policy.minimumRepeatBuyers()) {
            return new Unfitted("too few repeat buyers to fit: " + repeatBuyers + ", at least " + policy.minimumRepeatBuyers()
                    + " are needed", customers, repeatBuyers);
        }
        double correlation = SpendCorrelation.of(spends);
        if (Math.abs(correlation) > policy.maximumSpendCorrelation()) {
            return new Unfitted(String.format(Locale.ROOT, "Gamma-Gamma assumes spend independent of purchase frequency, but their"
                    + " correlation among repeat buyers is %.3f (beyond ±%.2f)", correlation, policy.maximumSpendCorrelation()),
                    customers, repeatBuyers);
        }
        try {
            GroupedPatterns all = new GroupedPatterns(patterns);
            boolean manyPatterns = patterns.size() > SAMPLE_PATTERNS;
            MaximumLikelihood.Estimate bg = MaximumLikelihood.maximise("BG/NBD", all::logLikelihood, all::gradient,
                    startOf("BG/NBD", new GroupedPatterns(patterns.every(START_SAMPLE))::logLikelihood, 4, manyPatterns, budget),
                    manyPatterns, -1, budget);
            all = null; // its arrays may go before Gamma-Gamma's are made
            // fitted on spends of a mean under 2 (divided by a power of two) when theirs is 2^20 or more, v scaled back
            double scale = spends.scale();
            SpendColumns scaled = spends.divided(scale);
            GroupedSpends grouped = new GroupedSpends(scaled);
            boolean manySpends = scaled.size() > SAMPLE_PATTERNS;
            MaximumLikelihood.Estimate gg = fitGammaGamma(grouped,
                    startOf("Gamma-Gamma", new GroupedSpends(scaled.every(START_SAMPLE))::logLikelihood, 3, manySpends, budget),
                    manySpends, budget);
            if (gg.parameters()[1] <= 1) {
                return new Unfitted(String.format(Locale.ROOT, "the Gamma-Gamma fit has q = %.3f <= 1, so its mean spend is infinite",
                        gg.parameters()[1]), customers, repeatBuyers);
            }
            double[] b = bg.parameters();
            double[] g = gg.parameters();
            return new Fitted(new BgNbd(b[0], b[1], b[2], b[3]), new GammaGamma(g[0], g[1], g[2] * scale), bg.logLikelihood(), customers,
                    repeatBuyers, correlation);
        } catch (NotFitted e) {
            return new Unfitted(e.getMessage(), customers, repeatBuyers);
        }
    }
}
