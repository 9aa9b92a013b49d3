package io.strata.domain.prediction;

import org.hipparchus.special.Gamma;

/**
 * The BG/NBD model (Fader, Hardie and Lee 2005, "Counting your customers the easy way"): while alive a buyer purchases
 * as a Poisson process whose rate is Gamma(r, α) across buyers, and after each purchase drops out with a probability
 * that is Beta(a, b) across buyers. Time is in weeks.
 */
public record BgNbd(double r, double alpha, double a, double b) {

    public BgNbd {
        if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || Double.isInfinite(r + alpha + a + b)) {
            throw new IllegalArgumentException("BG/NBD parameters must be positive and finite; got r " + r + ", α " + alpha + ", a " + a
                    + ", b " + b);
        }
    }

    /** The log-likelihood of one buyer with this pattern (equation 6 of the paper, in logs). */
    public double logLikelihood(int x, double recency, double age) {
        double a1 = Gamma.logGamma(r + x) - Gamma.logGamma(r) + r * Math.log(alpha);
        double a2 = Gamma.logGamma(a + b) + Gamma.logGamma(b + x) - Gamma.logGamma(b) - Gamma.logGamma(a + b + x);
        double a3 = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return a1 + a2 + a3;
        }
        double a4 = Math.log(a) - Math.log(b + x - 1) - (r + x) * Math.log(alpha + recency);
        double high = Math.max(a3, a4);
        return a1 + a2 + high + Math.log(Math.exp(a3 - high) + Math.exp(a4 - high));
    }

    /** The sum over all buyers, each pattern weighted by how many buyers show it. */
    public double logLikelihood(Iterable<PurchasePattern> patterns) {
        double sum = 0;
        for (PurchasePattern p : patterns) {
            sum += p.buyers() * logLikelihood(p.x(), p.recency(), p.age());
        }
        return sum;
    }

    /** P(alive | x, t_x, T), equation 12 of the paper; a buyer with no repeat purchase cannot have dropped out yet. */
    public double probabilityAlive(int x, double recency, double age) {
        if (x == 0) {
            return 1;
        }
        double logOdds = (r + x) * Math.log((alpha + age) / (alpha + recency)) + Math.log(a / (b + x - 1));
        return 1 / (1 + Math.exp(logOdds));
    }

    /** E[purchases in the next {@code weeks} | x, t_x, T], equation 10 of the paper. */
    public double expectedPurchases(double weeks, int x, double recency, double age) {
        if (weeks == 0) {
            return 0;
        }
        return expectedPurchasesIfAlive(weeks, x, age) / inverseProbabilityAlive(x, recency, age);
    }

    /** The denominator of equation 10, 1 / P(alive | x, t_x, T), as the forecast divides by it. */
    double inverseProbabilityAlive(int x, double recency, double age) {
        return x == 0 ? 1 : 1 + a / (b + x - 1) * Math.pow((alpha + age) / (alpha + recency), r + x);
    }

    /**
     * The numerator of equation 10: E[purchases in the next {@code weeks} | alive, x, T]. It does not depend on t_x, so
     * buyers sharing x and T share it, and {@link #expectedPurchases} is it divided by 1 / P(alive). Its 2F1(r+x, b+x;
     * a+b+x-1; z) grows without bound in x; by Euler's transformation 2F1 · (1-z)^(r+x) = (1-z)^(a-1) · 2F1(a+b-1-r,
     * a-1; a+b+x-1; z), whose series is tame.
     */
    public double expectedPurchasesIfAlive(double weeks, int x, double age) {
        if (weeks == 0) {
            return 0;
        }
        double z = weeks / (alpha + age + weeks);
        double c = a + b + x - 1;
        double transformed = Hypergeometric.f21OrNaN(a + b - 1 - r, a - 1, c, z);
        // a and b in the hundreds of thousands (drop-out without heterogeneity) overflow the transformed series (NaN), while
        // the original one, whose terms then shrink by about b / (a + b) each, converges
        double damped = Double.isNaN(transformed) ? Math.pow(1 - z, r + x) * Hypergeometric.f21(r + x, b + x, c, z)
                : Math.pow(1 - z, a - 1) * transformed;
        return c / (a - 1) * (1 - damped);
    }
}
