package io.strata.domain.prediction;

import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma spend model (Fader, Hardie and Lee 2005, "RFM and CLV: using iso-value curves", and Fader and
 * Hardie's note on it): a buyer's purchase values are Gamma(p, ν) with ν Gamma(q, v) across buyers, independent of how
 * often the buyer purchases. The mean spend exists only for q > 1.
 */
public record GammaGamma(double p, double q, double v) {

    public GammaGamma {
        if (!(p > 0 && q > 0 && v > 0) || Double.isInfinite(p + q + v)) {
            throw new IllegalArgumentException("Gamma-Gamma parameters must be positive and finite; got p " + p + ", q " + q + ", v " + v);
        }
    }

    /** The log-likelihood of one repeat buyer's average value over x purchases. */
    public double logLikelihood(int x, double averageValue) {
        double px = p * x;
        return Gamma.logGamma(px + q) - Gamma.logGamma(px) - Gamma.logGamma(q) + q * Math.log(v) + (px - 1) * Math.log(averageValue)
                + px * Math.log(x) - (px + q) * Math.log(x * averageValue + v);
    }

    public double logLikelihood(Iterable<RepeatSpend> buyers) {
        double sum = 0;
        for (RepeatSpend s : buyers) {
            sum += logLikelihood(s.x(), s.averageValue());
        }
        return sum;
    }

    /**
     * E[purchase value | x, average]: the buyer's own average weighted against the population mean p·v/(q-1) by
     * how many purchases back it; with no repeat purchase, the population mean.
     */
    public double expectedAverageValue(int x, double averageValue) {
        if (!(q > 1)) {
            throw new IllegalStateException("the Gamma-Gamma mean spend needs q > 1, this model has q " + q);
        }
        return x == 0 ? p * v / (q - 1) : p * (v + x * averageValue) / (p * x + q - 1);
    }
}
