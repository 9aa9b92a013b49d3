package io.strata.domain.segmentation;

import io.strata.domain.metrics.CustomerMetrics;

import java.math.BigDecimal;
import java.util.function.Function;

/**
 * The metrics tiers can be built on, as {@link CustomerMetrics} defines them. Counts cannot go below their
 * smallest value among buyers (frequency 1, categories 0); money can be negative after returns, so it has no
 * lower bound.
 */
public enum TierMetric {
    FREQUENCY("frequency", BigDecimal.ONE, m -> BigDecimal.valueOf(m.frequency())),
    MONETARY("monetary", null, CustomerMetrics::monetary),
    AVG_ORDER_VALUE("avg_order_value", null, CustomerMetrics::avgOrderValue),
    REVENUE_PER_MONTH("revenue_per_month", null, CustomerMetrics::revenuePerMonth),
    CATEGORIES("categories", BigDecimal.ZERO, m -> BigDecimal.valueOf(m.categories()));

    private final String fieldName;
    private final BigDecimal lowestAmongBuyers;
    private final Function<CustomerMetrics, BigDecimal> value;

    TierMetric(String fieldName, BigDecimal lowestAmongBuyers, Function<CustomerMetrics, BigDecimal> value) {
        this.fieldName = fieldName;
        this.lowestAmongBuyers = lowestAmongBuyers;
        this.value = value;
    }

    /** The metric's name in the contract and in rules, e.g. revenue_per_month. */
    public String fieldName() {
        return fieldName;
    }

    /** The smallest value a buyer can have, or {@code null} when the metric is unbounded below. */
    public BigDecimal lowestAmongBuyers() {
        return lowestAmongBuyers;
    }

    /** The value of a buyer (frequency ≥ 1); every tier metric is defined for buyers. */
    public BigDecimal valueOf(CustomerMetrics buyer) {
        if (!buyer.hasPurchased()) {
            throw new IllegalArgumentException(fieldName + " tiers are for buyers; a customer with no purchase has its own segment");
        }
        return value.apply(buyer);
    }
}
