package io.strata.domain.prediction;

import org.hipparchus.special.Gamma;

import java.util.List;
import java.util.TreeMap;

/**
 * The Gamma-Gamma log-likelihood of many repeat buyers, arranged so that each evaluation costs one logarithm per buyer:
 * the Gamma functions depend on x only and are evaluated once per distinct x, and log(average) is summed up front.
 */
final class GroupedSpends {

    private final int[] distinctX;
    private final long[] buyersWithX;
    private final double[] logAverageSumWithX;
    private final int[] x;
    private final double[] average;

    GroupedSpends(List<RepeatSpend> spends) {
        x = new int[spends.size()];
        average = new double[spends.size()];
        TreeMap<Integer, double[]> byX = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            RepeatSpend s = spends.get(i);
            x[i] = s.x();
            average[i] = s.averageValue();
            double[] group = byX.computeIfAbsent(s.x(), k -> new double[2]);
            group[0]++;
            group[1] += Math.log(s.averageValue());
        }
        distinctX = byX.keySet().stream().mapToInt(Integer::intValue).toArray();
        buyersWithX = byX.values().stream().mapToLong(g -> (long) g[0]).toArray();
        logAverageSumWithX = byX.values().stream().mapToDouble(g -> g[1]).toArray();
    }

    /** Equals the sum of {@link GammaGamma#logLikelihood(int, double)} over the buyers, for parameters {p, q, v}. */
    double logLikelihood(double[] parameters) {
        double p = parameters[0];
        double q = parameters[1];
        double v = parameters[2];
        double sum = 0;
        double logV = Math.log(v);
        double logGammaQ = Gamma.logGamma(q);
        for (int k = 0; k < distinctX.length; k++) {
            double px = p * distinctX[k];
            sum += buyersWithX[k] * (Gamma.logGamma(px + q) - Gamma.logGamma(px) - logGammaQ + q * logV + px * Math.log(distinctX[k]))
                    + (px - 1) * logAverageSumWithX[k];
        }
        for (int i = 0; i < x.length; i++) {
            sum -= (p * x[i] + q) * Math.log(x[i] * average[i] + v);
        }
        return sum;
    }
}
