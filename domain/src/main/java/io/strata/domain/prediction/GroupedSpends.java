package io.strata.domain.prediction;

import org.hipparchus.special.Beta;
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

    /**
     * Equals the sum of {@link GammaGamma#logLikelihood(int, double)} over the buyers, for parameters {p, q, v}, written
     * so that it stays accurate when q and v are large (the ridge of spends without heterogeneity in ν, where q and v
     * run to millions together): per buyer q ln v − (px + q) ln(x m + v) = −px ln v − (px + q) ln(1 + x m / v), and
     * ln Γ(px + q) − ln Γ(px) − ln Γ(q) = −ln B(px, q). Summed as written in the formula, the terms of a million buyers
     * (each about q ln v, 10⁸ and more) cancel to a few million and leave a rounding noise of tens in the likelihood
     * and of units in its gradient: more than the flatness the fit demands, so points on the ridge were refused.
     */
    double logLikelihood(double[] parameters) {
        double p = parameters[0];
        double q = parameters[1];
        double v = parameters[2];
        double sum = 0;
        double logV = Math.log(v);
        for (int k = 0; k < distinctX.length; k++) {
            double px = p * distinctX[k];
            sum += buyersWithX[k] * (-Beta.logBeta(px, q) + px * (Math.log(distinctX[k]) - logV)) + (px - 1) * logAverageSumWithX[k];
        }
        for (int i = 0; i < x.length; i++) {
            sum -= (p * x[i] + q) * LogOnePlus.of(x[i] * average[i] / v);
        }
        return sum;
    }

    /**
     * The gradient of {@link #logLikelihood} with respect to {p, q, v}; per buyer with x purchases averaging m:
     * ∂/∂p = x (ψ(px+q) − ψ(px) + ln x + ln m − ln(x m + v)), ∂/∂q = ψ(px+q) − ψ(q) + ln v − ln(x m + v),
     * ∂/∂v = q / v − (px + q) / (x m + v); computed as ψ(px+q) − ln v − ψ(px) + ln x + ln m − ln(1 + x m / v),
     * ψ(px+q) − ψ(q) − ln(1 + x m / v) and (q x m / v − px) / (x m + v), accurate for large q and v as
     * {@link #logLikelihood} is.
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
            gp += buyersWithX[k] * xk * (psiPXQ - logV - Gamma.digamma(px) + Math.log(xk)) + xk * logAverageSumWithX[k];
            gq += buyersWithX[k] * (psiPXQ - psiQ);
        }
        double qOverV = q / v;
        for (int i = 0; i < x.length; i++) {
            double spent = x[i] * average[i];
            double log1p = LogOnePlus.of(spent / v);
            gp -= x[i] * log1p;
            gq -= log1p;
            gv += (qOverV * spent - p * x[i]) / (spent + v);
        }
        return new double[] {gp, gq, gv};
    }

    /**
     * {@link #logLikelihood} in the coordinates {p, q, c = v / q}, where the ridge of spends without heterogeneity in ν
     * (q and v to infinity together, v / q fixed: every buyer's ν the same, 1 / c) runs along q alone, across p and c
     * the likelihood has a crest Newton's method reaches, and its gradient in q is the gain along the ridge.
     */
    double ridgeLogLikelihood(double[] pqc) {
        return logLikelihood(natural(pqc));
    }

    /** The gradient of {@link #ridgeLogLikelihood} in {p, q, c}: ∂/∂q = ∂ℓ/∂q + c ∂ℓ/∂v, ∂/∂c = q ∂ℓ/∂v. */
    double[] ridgeGradient(double[] pqc) {
        double[] g = gradient(natural(pqc));
        return new double[] {g[0], g[1] + pqc[2] * g[2], pqc[1] * g[2]};
    }

    /** {p, q, v} from {p, q, c = v / q}. */
    static double[] natural(double[] pqc) {
        return new double[] {pqc[0], pqc[1], pqc[1] * pqc[2]};
    }

    /** {p, q, c = v / q} from {p, q, v}. */
    static double[] alongRidge(double[] pqv) {
        return new double[] {pqv[0], pqv[1], pqv[2] / pqv[1]};
    }
}
