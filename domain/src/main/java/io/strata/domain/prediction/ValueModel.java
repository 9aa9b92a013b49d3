package io.strata.domain.prediction;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

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
            PatternForecast forecast = PatternForecast.of(bgNbd, x, recency, age, horizon);
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

    /** Above this many patterns, the fit starts from the optimum of an evenly spread sample of them. */
    int SAMPLE_PATTERNS = 20_000;

    /**
     * Where BG/NBD's simplex starts: from all ones, or for a large base from the fit to every k-th pattern, so that the
     * full likelihood, the expensive one, is only evaluated near its optimum.
     */
    private static double[] startOf(Collection<PurchasePattern> patterns) {
        double[] ones = {1, 1, 1, 1};
        if (patterns.size() <= SAMPLE_PATTERNS) {
            return ones;
        }
        int every = (patterns.size() + SAMPLE_PATTERNS - 1) / SAMPLE_PATTERNS;
        List<PurchasePattern> sample = new java.util.ArrayList<>();
        int i = 0;
        for (PurchasePattern p : patterns) {
            if (i++ % every == 0) {
                sample.add(p);
            }
        }
        try {
            return MaximumLikelihood.maximise("BG/NBD", new GroupedPatterns(sample)::logLikelihood, ones).parameters();
        } catch (NotFitted e) {
            return ones; // the sample was unlucky; the full fit decides
        }
    }

    /**
     * Fits BG/NBD to every buyer's pattern and Gamma-Gamma to the repeat buyers' spend, or says why not: too few
     * repeat buyers, spend correlated with frequency, an optimiser that does not converge, or a spend model without a
     * finite mean (q <= 1).
     */
    static ValueModel fit(Collection<PurchasePattern> patterns, List<RepeatSpend> spends, FitPolicy policy) {
        long customers = patterns.stream().mapToLong(PurchasePattern::buyers).sum();
        long repeatBuyers = patterns.stream().filter(p -> p.x() > 0).mapToLong(PurchasePattern::buyers).sum();
        if (repeatBuyers != spends.size()) {
            throw new IllegalArgumentException("the patterns count " + repeatBuyers + " repeat buyers but " + spends.size()
                    + " spends were given");
        }
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
            MaximumLikelihood.Estimate bg = MaximumLikelihood.maximise("BG/NBD", new GroupedPatterns(patterns)::logLikelihood,
                    startOf(patterns), patterns.size() > SAMPLE_PATTERNS ? 0.05 : 0.5);
            GroupedSpends grouped = new GroupedSpends(spends);
            MaximumLikelihood.Estimate gg = MaximumLikelihood.maximise("Gamma-Gamma", grouped::logLikelihood, new double[] {1, 1, 1});
            if (gg.parameters()[1] <= 1) {
                return new Unfitted(String.format(Locale.ROOT, "the Gamma-Gamma fit has q = %.3f <= 1, so its mean spend is infinite",
                        gg.parameters()[1]), customers, repeatBuyers);
            }
            double[] b = bg.parameters();
            double[] g = gg.parameters();
            return new Fitted(new BgNbd(b[0], b[1], b[2], b[3]), new GammaGamma(g[0], g[1], g[2]), bg.logLikelihood(), customers,
                    repeatBuyers, correlation);
        } catch (NotFitted e) {
            return new Unfitted(e.getMessage(), customers, repeatBuyers);
        }
    }
}
