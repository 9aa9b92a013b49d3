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
    CATEGORIES("categories", BigDecimal.ZERO, m -> BigDecimal.valueOf(m.categories())),
    /**
     * The run's predicted value over its horizon (docs/predictions.md), a double read exactly; the run fits its models
     * before it assigns, so every buyer has one when they were fitted. Not a function of the metrics.
     */
    PREDICTED_VALUE("predicted_value", null, m -> {
        throw new IllegalStateException("predicted value is read from the customer's prediction, not from the metrics");
    });

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

    /** The value of a buyer (frequency ≥ 1) in the run; predicted value needs the run's fitted predictions. */
    public BigDecimal valueOf(CustomerContext buyer) {
        if (this != PREDICTED_VALUE) {
            return valueOf(buyer.metrics());
        }
        if (!buyer.metrics().hasPurchased()) {
            return valueOf(buyer.metrics());
        }
        if (buyer.prediction() == null) {
            throw new IllegalArgumentException("predicted value tiers need every buyer's predicted value, but customer "
                    + buyer.customerId().value() + " has none: the run's models were not fitted (see the run's predictions)");
        }
        return new BigDecimal(buyer.prediction().predictedValue());
    }

    /**
     * A tier bound as this metric compares with it: predicted value is a double, so a bound is the nearest double, as
     * PostgreSQL compares a double precision column with a numeric bound.
     */
    public BigDecimal bound(BigDecimal bound) {
        return this == PREDICTED_VALUE && bound != null ? new BigDecimal(Double.parseDouble(bound.toString())) : bound;
    }

    /** The value of a buyer (frequency ≥ 1); every tier metric but predicted value is defined by the metrics. */
    public BigDecimal valueOf(CustomerMetrics buyer) {
        if (!buyer.hasPurchased()) {
            throw new IllegalArgumentException(fieldName + " tiers are for buyers; a customer with no purchase has its own segment");
        }
        return value.apply(buyer);
    }
}
