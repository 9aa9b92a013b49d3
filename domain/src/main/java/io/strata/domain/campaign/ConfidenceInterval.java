package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A 95 % confidence interval by the normal approximation: estimate ± 1.959964 × standard error, each end rounded to
 * 6 places half-up. For a share p of n: se = √(p(1 − p)/n); for the difference of two shares (the uplift, unpooled
 * Wald interval): se = √(p₁(1 − p₁)/n₁ + p₂(1 − p₂)/n₂); for a mean of n values: se = s/√n with the sample variance
 * s² = (Σx² − (Σx)²/n)/(n − 1); for the difference of two means: se = √(s₁²/n₁ + s₂²/n₂). Null where it is undefined
 * (an empty group, or a mean of fewer than two values).
 */
public record ConfidenceInterval(BigDecimal low, BigDecimal high) {

    /** The two-sided 97.5 % quantile of the standard normal distribution. */
    public static final double Z_95 = 1.959964;
    private static final int SCALE = 6;

    public static ConfidenceInterval of(double estimate, double standardError) {
        double half = Z_95 * standardError;
        return new ConfidenceInterval(round(estimate - half), round(estimate + half));
    }

    public static ConfidenceInterval ofShare(long x, long n) {
        if (n <= 0) {
            return null;
        }
        double p = (double) x / n;
        return of(p, Math.sqrt(p * (1 - p) / n));
    }

    public static ConfidenceInterval ofShareDifference(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0) {
            return null;
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        return of(p1 - p2, Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2));
    }

    static BigDecimal round(double value) {
        return BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP);
    }
}
