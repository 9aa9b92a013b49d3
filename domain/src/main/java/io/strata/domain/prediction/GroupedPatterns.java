package io.strata.domain.prediction;

import org.hipparchus.special.Gamma;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

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
        TreeMap<Integer, Double> byX = new TreeMap<>();
        Map<Double, Integer> timeIndex = new HashMap<>();
        for (PurchasePattern p : patterns) {
            byX.merge(p.x(), (double) p.buyers(), Double::sum);
            timeIndex.putIfAbsent(p.recency(), timeIndex.size());
            timeIndex.putIfAbsent(p.age(), timeIndex.size());
        }
        distinctX = byX.keySet().stream().mapToInt(Integer::intValue).toArray();
        buyersWithX = byX.values().stream().mapToDouble(Double::doubleValue).toArray();
        Map<Integer, Integer> xPosition = new HashMap<>();
        for (int k = 0; k < distinctX.length; k++) {
            xPosition.put(distinctX[k], k);
        }
        times = new double[timeIndex.size()];
        timeIndex.forEach((time, index) -> times[index] = time);
        int n = patterns.size();
        xIndex = new int[n];
        recencyIndex = new int[n];
        ageIndex = new int[n];
        buyers = new double[n];
        int i = 0;
        for (PurchasePattern p : patterns) {
            xIndex[i] = xPosition.get(p.x());
            recencyIndex[i] = timeIndex.get(p.recency());
            ageIndex[i] = timeIndex.get(p.age());
            buyers[i] = p.buyers();
            i++;
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
                sum += buyers[i] * (high + Math.log1p(Math.exp(Math.min(a3, a4) - high)));
            }
        }
        return sum;
    }
}
