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
        this(SpendColumns.of(spends));
    }

    GroupedSpends(SpendColumns spends) {
        x = new int[spends.size()];
        average = new double[spends.size()];
        TreeMap<Integer, double[]> byX = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            x[i] = spends.x(i);
            average[i] = spends.average(i);
            double[] group = byX.computeIfAbsent(x[i], k -> new double[2]);
            group[0]++;
            group[1] += Math.log(average[i]);
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

    /**
     * The gradient of {@link #logLikelihood} with respect to {p, q, v}; per buyer with x purchases averaging m:
     * ∂/∂p = x (ψ(px+q) − ψ(px) + ln x + ln m − ln(x m + v)), ∂/∂q = ψ(px+q) − ψ(q) + ln v − ln(x m + v),
     * ∂/∂v = q / v − (px + q) / (x m + v).
     */
    double[] gradient(double[] parameters) {
        double p = parameters[0];
        double q = parameters[1];
        double v = parameters[2];
        double gp = 0;
        double gq = 0;
        double gv = 0;
        double logV = Math.log(v);
        double psiQ = Gamma.digamma(q);
        for (int k = 0; k < distinctX.length; k++) {
            int xk = distinctX[k];
            double px = p * xk;
            double psiPXQ = Gamma.digamma(px + q);
            gp += buyersWithX[k] * xk * (psiPXQ - Gamma.digamma(px) + Math.log(xk)) + xk * logAverageSumWithX[k];
            gq += buyersWithX[k] * (psiPXQ - psiQ + logV);
            gv += buyersWithX[k] * q / v;
        }
        for (int i = 0; i < x.length; i++) {
            double total = x[i] * average[i] + v;
            double logTotal = Math.log(total);
            gp -= x[i] * logTotal;
            gq -= logTotal;
            gv -= (p * x[i] + q) / total;
        }
        return new double[] {gp, gq, gv};
    }
}
