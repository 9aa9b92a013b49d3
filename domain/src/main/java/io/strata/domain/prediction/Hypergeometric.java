package io.strata.domain.prediction;

/**
 * Gauss's hypergeometric function 2F1(a, b; c; z) for 0 <= z < 1 by its power series. The BG/NBD forecast calls it
 * after Euler's transformation (see {@link BgNbd#expectedPurchases}), where a and b stay small whatever the buyer's
 * frequency, so the terms shrink from the start; an overflowing series is an {@link ArithmeticException} at once.
 */
final class Hypergeometric {

    private static final int MAX_TERMS = 1_000_000;

    private Hypergeometric() {
    }

    static double f21(double a, double b, double c, double z) {
        double sum = f21OrNaN(a, b, c, z);
        if (Double.isNaN(sum)) {
            throw new ArithmeticException("2F1(" + a + ", " + b + "; " + c + "; " + z + ") overflows as a series or does not converge in "
                    + MAX_TERMS + " terms");
        }
        return sum;
    }

    /**
     * As {@link #f21}, but NaN where that throws (a series that overflows or does not converge): the forecast tries a
     * series that overflows for every buyer when the model's a and b are huge, and the exception (its message and stack
     * trace) cost ten times the sum it replaced (docs/benchmarks.md, "Session 30: predictions"). The sum is the same to
     * the last bit.
     */
    static double f21OrNaN(double a, double b, double c, double z) {
        if (!(z >= 0 && z < 1)) {
            throw new IllegalArgumentException("2F1 is summed for 0 <= z < 1 only, not " + z);
        }
        double term = 1;
        double sum = 1;
        for (int n = 0; n < MAX_TERMS; n++) {
            term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z;
            sum += term;
            if (!Double.isFinite(sum)) {
                return Double.NaN;
            }
            if (Math.abs(term) <= 1e-15 * Math.abs(sum)) {
                return sum;
            }
        }
        return Double.NaN;
    }
}
