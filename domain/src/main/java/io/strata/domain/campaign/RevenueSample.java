package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.Optional;

/**
 * The revenue of a group of customers, one value per customer (0 for those who bought nothing): how many, the sum and
 * the sum of squares, which is all a mean and its confidence interval need.
 */
public record RevenueSample(long customers, BigDecimal revenue, BigDecimal revenueSquares) {

    public RevenueSample {
        Objects.requireNonNull(revenue, "revenue");
        Objects.requireNonNull(revenueSquares, "revenueSquares");
        if (customers < 0) {
            throw new IllegalArgumentException("a group cannot have " + customers + " customers");
        }
    }

    /** Revenue per customer, 4 places half-up; null for an empty group. */
    public BigDecimal perCustomer() {
        return customers == 0 ? null : revenue.divide(BigDecimal.valueOf(customers), 4, RoundingMode.HALF_UP);
    }

    /** The sample variance (Σx² − (Σx)²/n)/(n − 1); null under two customers. */
    public Double variance() {
        if (customers < 2) {
            return null;
        }
        BigDecimal n = BigDecimal.valueOf(customers);
        BigDecimal centred = revenueSquares.subtract(revenue.multiply(revenue).divide(n, MathContext.DECIMAL128));
        return Math.max(0, centred.divide(n.subtract(BigDecimal.ONE), MathContext.DECIMAL128).doubleValue());
    }

    private double mean() {
        return revenue.doubleValue() / customers;
    }

    /** 95 % interval of the revenue per customer; null under two customers. */
    public ConfidenceInterval interval() {
        Double variance = variance();
        return variance == null ? null : ConfidenceInterval.of(mean(), Math.sqrt(variance / customers));
    }

    /** This group's revenue per customer minus {@code other}'s, 4 places; null when either is empty. */
    public BigDecimal difference(RevenueSample other) {
        if (customers == 0 || other.customers == 0) {
            return null;
        }
        return BigDecimal.valueOf(mean() - other.mean()).setScale(4, RoundingMode.HALF_UP);
    }

    /** 95 % interval of the difference of the means (unequal variances); null under two customers in either group. */
    public ConfidenceInterval differenceInterval(RevenueSample other) {
        return standardErrorOfDifference(other).map(se -> ConfidenceInterval.of(mean() - other.mean(), se)).orElse(null);
    }

    /** Two-sided p-value of the difference of the means (z-test on the unequal-variance standard error); null where undefined. */
    public Double differencePValue(RevenueSample other) {
        return standardErrorOfDifference(other).filter(se -> se > 0)
                .map(se -> NormalDistribution.twoSidedTail((mean() - other.mean()) / se)).orElse(null);
    }

    private Optional<Double> standardErrorOfDifference(RevenueSample other) {
        Double v1 = variance();
        Double v2 = other.variance();
        if (v1 == null || v2 == null) {
            return Optional.empty();
        }
        return Optional.of(Math.sqrt(v1 / customers + v2 / other.customers));
    }
}
