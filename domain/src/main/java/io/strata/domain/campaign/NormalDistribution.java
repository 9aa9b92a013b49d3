package io.strata.domain.campaign;

/**
 * The standard normal distribution through the complementary error function. erfc uses the Chebyshev fit of
 * Numerical Recipes (2nd ed., §6.2, {@code erfcc}), whose fractional error is below 1.2e-7 everywhere. Because the
 * error is relative, small tail probabilities (p-values) keep 6–7 significant digits, which a fit of erf with an
 * absolute error (Abramowitz–Stegun 7.1.26, 1.5e-7) would lose once p drops below about 1e-6.
 */
public final class NormalDistribution {

    private static final double SQRT2 = Math.sqrt(2);

    private NormalDistribution() {
    }

    public static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1 / (1 + 0.5 * z);
        double r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? r : 2 - r;
    }

    /** P(Z ≤ z). */
    public static double cdf(double z) {
        return 0.5 * erfc(-z / SQRT2);
    }

    /** P(|Z| ≥ |z|): the two-sided tail. */
    public static double twoSidedTail(double z) {
        return erfc(Math.abs(z) / SQRT2);
    }
}
