package io.strata.domain.prediction;

import org.hipparchus.special.Gamma;

import java.util.Collection;

/**
 * The BG/NBD log-likelihood of many buyers arranged for speed: a million buyers show some hundred thousand patterns,
 * and each evaluation of the optimiser pays one exponential and one logarithm per pattern. The Gamma functions depend
 * on x only and are evaluated once per distinct x; log(α + t) once per distinct recency or age.
 */
final class GroupedPatterns {

    private final int[] distinctX;
    private final double[] buyersWithX;
    private final double[] times;
    private final int[] xIndex;
    private final int[] recencyIndex;
    private final int[] ageIndex;
    private final double[] buyers;

    GroupedPatterns(Collection<PurchasePattern> patterns) {
        this(PatternColumns.of(patterns));
    }

    /**
     * Indexes the patterns by their distinct x and distinct times, ascending, each pattern's by its rank among them
     * ({@link DistinctRanks}: a hash table of the few hundred distinct values; since session 36, instead of sorting
     * every value and searching each one's place; before session 34 maps of boxed values). The distinct times are in
     * ascending order (before session 34 in first-seen order); nothing sums over them, so every likelihood and gradient
     * is the same to the last bit (the buyers with an x are summed in pattern order, as before).
     */
    GroupedPatterns(PatternColumns patterns) {
        int n = patterns.size();
        DistinctRanks xs = new DistinctRanks();
        DistinctRanks allTimes = new DistinctRanks();
        for (int i = 0; i < n; i++) {
            xs.add(patterns.x(i));
            allTimes.add(patterns.recency(i));
            allTimes.add(patterns.age(i));
        }
        double[] ascendingX = xs.ascending();
        distinctX = new int[ascendingX.length];
        for (int k = 0; k < ascendingX.length; k++) {
            distinctX[k] = (int) ascendingX[k];
        }
        times = allTimes.ascending();
        buyersWithX = new double[distinctX.length];
        xIndex = new int[n];
        recencyIndex = new int[n];
        ageIndex = new int[n];
        buyers = new double[n];
        for (int i = 0; i < n; i++) {
            int k = xs.rank(patterns.x(i));
            xIndex[i] = k;
            buyersWithX[k] += patterns.buyers(i);
            recencyIndex[i] = allTimes.rank(patterns.recency(i));
            ageIndex[i] = allTimes.rank(patterns.age(i));
            buyers[i] = patterns.buyers(i);
        }
    }

    int size() {
        return buyers.length;
    }

    /** Equals {@link BgNbd#logLikelihood(Iterable)} over the patterns, for parameters {r, α, a, b}. */
    double logLikelihood(double[] parameters) {
        double r = parameters[0];
        double alpha = parameters[1];
        double a = parameters[2];
        double b = parameters[3];
        double sum = 0;
        double[] logOdds = new double[distinctX.length];
        double common = -Gamma.logGamma(r) + r * Math.log(alpha) + Gamma.logGamma(a + b) - Gamma.logGamma(b);
        for (int k = 0; k < distinctX.length; k++) {
            int x = distinctX[k];
            sum += buyersWithX[k] * (common + Gamma.logGamma(r + x) + Gamma.logGamma(b + x) - Gamma.logGamma(a + b + x));
            logOdds[k] = x == 0 ? 0 : Math.log(a) - Math.log(b + x - 1);
        }
        double[] logTimes = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            logTimes[j] = Math.log(alpha + times[j]);
        }
        for (int i = 0; i < buyers.length; i++) {
            int k = xIndex[i];
            double rx = r + distinctX[k];
            double a3 = -rx * logTimes[ageIndex[i]];
            if (distinctX[k] == 0) {
                sum += buyers[i] * a3;
            } else {
                double a4 = logOdds[k] - rx * logTimes[recencyIndex[i]];
                double high = Math.max(a3, a4);
                sum += buyers[i] * (high + LogOnePlus.of(Math.exp(Math.min(a3, a4) - high)));
            }
        }
        return sum;
    }

    /**
     * The gradient of {@link #logLikelihood} with respect to {r, α, a, b}. Per buyer, with A(x) the Gamma terms,
     * a3 = −(r+x) ln(α+T), a4 = ln a − ln(b+x−1) − (r+x) ln(α+t_x) (x > 0 only) and w = e^a4 / (e^a3 + e^a4), the weight
     * of the drop-out term: ∂ ln L = ∂A + (1 − w) ∂a3 + w ∂a4, where
     * ∂A/∂r = ψ(r+x) − ψ(r) + ln α, ∂A/∂α = r/α, ∂A/∂a = ψ(a+b) − ψ(a+b+x), ∂A/∂b = ψ(a+b) + ψ(b+x) − ψ(b) − ψ(a+b+x);
     * ∂a3/∂r = −ln(α+T), ∂a3/∂α = −(r+x)/(α+T); ∂a4/∂r = −ln(α+t_x), ∂a4/∂α = −(r+x)/(α+t_x), ∂a4/∂a = 1/a,
     * ∂a4/∂b = −1/(b+x−1). The digamma functions are evaluated once per distinct x, as the Gamma functions are.
     */
    double[] gradient(double[] parameters) {
        double r = parameters[0];
        double alpha = parameters[1];
        double a = parameters[2];
        double b = parameters[3];
        double gr = 0;
        double gAlpha = 0;
        double ga = 0;
        double gb = 0;
        double[] logOdds = new double[distinctX.length];
        double psiR = Gamma.digamma(r);
        double psiAB = Gamma.digamma(a + b);
        double psiB = Gamma.digamma(b);
        double logAlpha = Math.log(alpha);
        for (int k = 0; k < distinctX.length; k++) {
            int x = distinctX[k];
            double psiABX = Gamma.digamma(a + b + x);
            gr += buyersWithX[k] * (Gamma.digamma(r + x) - psiR + logAlpha);
            gAlpha += buyersWithX[k] * r / alpha;
            ga += buyersWithX[k] * (psiAB - psiABX);
            gb += buyersWithX[k] * (psiAB + Gamma.digamma(b + x) - psiB - psiABX);
            logOdds[k] = x == 0 ? 0 : Math.log(a) - Math.log(b + x - 1);
        }
        double[] logTimes = new double[times.length];
        double[] inverseTimes = new double[times.length];
        for (int j = 0; j < times.length; j++) {
            logTimes[j] = Math.log(alpha + times[j]);
            inverseTimes[j] = 1 / (alpha + times[j]);
        }
        double sumW = 0;
        for (int i = 0; i < buyers.length; i++) {
            int k = xIndex[i];
            int x = distinctX[k];
            double rx = r + x;
            int age = ageIndex[i];
            if (x == 0) {
                gr -= buyers[i] * logTimes[age];
                gAlpha -= buyers[i] * rx * inverseTimes[age];
            } else {
                int recency = recencyIndex[i];
                double difference = -rx * logTimes[age] - (logOdds[k] - rx * logTimes[recency]);
                // w = 1 / (1 + e^(a3 − a4)), computed without overflow on either side
                double w = difference > 0 ? Math.exp(-difference) / (1 + Math.exp(-difference)) : 1 / (1 + Math.exp(difference));
                double weighed = buyers[i] * w;
                double rest = buyers[i] - weighed;
                gr -= rest * logTimes[age] + weighed * logTimes[recency];
                gAlpha -= rx * (rest * inverseTimes[age] + weighed * inverseTimes[recency]);
                sumW += weighed;
                gb -= weighed / (b + x - 1);
            }
        }
        ga += sumW / a;
        return new double[] {gr, gAlpha, ga, gb};
    }
}
