package io.strata.domain.campaign;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * One group of a launched campaign after the fact: its customers, those who converted (an order with a positive
 * total inside the attribution window), the revenue of those orders, and, once a later run exists, how many moved
 * to a more valuable general segment ({@code null} before).
 */
public record GroupOutcome(long customers, long converters, BigDecimal revenue, Long movedUp) {

    static final int RATE_SCALE = 6;

    public GroupOutcome {
        Objects.requireNonNull(revenue, "revenue");
        if (customers < 0 || converters < 0 || converters > customers) {
            throw new IllegalArgumentException("a group has " + customers + " customers, so it cannot have " + converters + " converters");
        }
        if (movedUp != null && (movedUp < 0 || movedUp > customers)) {
            throw new IllegalArgumentException("a group has " + customers + " customers, so " + movedUp + " cannot have moved up");
        }
    }

    /** An empty group: nobody in it; {@code migrationKnown} says whether a later run exists (moved up 0, not unknown). */
    public static GroupOutcome empty(boolean migrationKnown) {
        return new GroupOutcome(0, 0, BigDecimal.ZERO, migrationKnown ? 0L : null);
    }

    /**
     * The outcome of two disjoint parts of a group together, e.g. the members of two action lists: every member is in
     * exactly one list, so customers, converters, revenue and moves add up. Migration stays unknown if either is.
     */
    public GroupOutcome plus(GroupOutcome other) {
        return new GroupOutcome(customers + other.customers, converters + other.converters, revenue.add(other.revenue),
                movedUp == null || other.movedUp == null ? null : movedUp + other.movedUp);
    }

    /** Converters / customers, 6 places half-up; null for an empty group. */
    public BigDecimal conversionRate() {
        return ratio(converters, customers);
    }

    /** Revenue / customers, 4 places half-up; null for an empty group. */
    public BigDecimal revenuePerCustomer() {
        return customers == 0 ? null : revenue.divide(BigDecimal.valueOf(customers), 4, RoundingMode.HALF_UP);
    }

    /** movedUp / customers; null before a later run or for an empty group. */
    public BigDecimal migrationRate() {
        return movedUp == null ? null : ratio(movedUp, customers);
    }

    static BigDecimal ratio(long numerator, long denominator) {
        return denominator == 0 ? null : BigDecimal.valueOf(numerator).divide(BigDecimal.valueOf(denominator), RATE_SCALE, RoundingMode.HALF_UP);
    }
}
