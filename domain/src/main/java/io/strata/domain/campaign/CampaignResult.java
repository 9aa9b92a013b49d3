package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * What the action caused: the treatment group against the control group. Uplifts are computed from the exact
 * fractions and rounded once (6 places, half-up); the relative uplift is null when the control rate is 0.
 */
public record CampaignResult(GroupOutcome treatment, GroupOutcome control) {

    public CampaignResult {
        Objects.requireNonNull(treatment, "treatment");
        Objects.requireNonNull(control, "control");
    }

    /** Treatment conversion rate − control conversion rate. */
    public BigDecimal absoluteUplift() {
        return difference(treatment.converters(), treatment.customers(), control.converters(), control.customers());
    }

    /** Absolute uplift / control conversion rate. */
    public BigDecimal relativeUplift() {
        return relative(treatment.converters(), treatment.customers(), control.converters(), control.customers());
    }

    public Optional<ZTest> significance() {
        return ZTest.of(treatment.converters(), treatment.customers(), control.converters(), control.customers());
    }

    /** Treatment migration rate − control migration rate, once a later run exists. */
    public BigDecimal migrationUplift() {
        if (treatment.movedUp() == null || control.movedUp() == null) {
            return null;
        }
        return difference(treatment.movedUp(), treatment.customers(), control.movedUp(), control.customers());
    }

    /** x1/n1 − x2/n2 = (x1·n2 − x2·n1) / (n1·n2). */
    private static BigDecimal difference(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0) {
            return null;
        }
        return divide(cross(x1, n1, x2, n2), BigInteger.valueOf(n1).multiply(BigInteger.valueOf(n2)));
    }

    /** (x1/n1 − x2/n2) / (x2/n2) = (x1·n2 − x2·n1) / (x2·n1). */
    private static BigDecimal relative(long x1, long n1, long x2, long n2) {
        if (n1 == 0 || n2 == 0 || x2 == 0) {
            return null;
        }
        return divide(cross(x1, n1, x2, n2), BigInteger.valueOf(x2).multiply(BigInteger.valueOf(n1)));
    }

    private static BigInteger cross(long x1, long n1, long x2, long n2) {
        return BigInteger.valueOf(x1).multiply(BigInteger.valueOf(n2)).subtract(BigInteger.valueOf(x2).multiply(BigInteger.valueOf(n1)));
    }

    private static BigDecimal divide(BigInteger numerator, BigInteger denominator) {
        return new BigDecimal(numerator).divide(new BigDecimal(denominator), GroupOutcome.RATE_SCALE, RoundingMode.HALF_UP);
    }
}
