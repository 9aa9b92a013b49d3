package io.strata.domain.prediction;

/**
 * ln(1 + y), as {@link Math#log1p} within a few units in the last place, from {@link Math#log}: HotSpot compiles
 * {@code Math.log} inline, while {@code Math.log1p} on Java 17 calls the native fdlibm through {@link StrictMath}, which
 * made it most of a likelihood's cost per buyer (docs/benchmarks.md, "Session 54: predictions"). The correction is
 * Goldberg's ("What every computer scientist should know about floating-point arithmetic", theorem 4): with u = 1 + y
 * as rounded, ln(u) · y / (u − 1) undoes the rounding of u.
 */
final class LogOnePlus {

    private LogOnePlus() {
    }

    static double of(double y) {
        double u = 1 + y;
        if (u == 1) {
            return y; // y below half an ulp of 1: ln(1 + y) is y to the last bit
        }
        if (!(u < Double.POSITIVE_INFINITY) || u <= 0) {
            return Math.log1p(y); // infinite, NaN or at most -1: its own special values
        }
        return Math.log(u) * (y / (u - 1));
    }
}
