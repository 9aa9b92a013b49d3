package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import io.strata.domain.metrics.CustomerMetrics;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.function.Function;

/** The purchase metrics a rule can name, read from {@link CustomerMetrics} as of the rule's date. */
public enum PurchaseMetric implements RuleField {
    RECENCY_DAYS(m -> number(m.recencyDays())),
    FREQUENCY(m -> BigDecimal.valueOf(m.frequency())),
    MONETARY(CustomerMetrics::monetary),
    AVG_ORDER_VALUE(CustomerMetrics::avgOrderValue),
    CATEGORIES(m -> number(m.categories())),
    TENURE_DAYS(m -> number(m.tenureDays()));

    private final Function<CustomerMetrics, BigDecimal> reading;

    PurchaseMetric(Function<CustomerMetrics, BigDecimal> reading) {
        this.reading = reading;
    }

    @Override
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.purchaseMetric(this);
    }

    @Override
    public FieldType type() {
        return FieldType.NUMBER;
    }

    /** The metric's value, or {@code null} where CustomerMetrics has none (no purchase). */
    public BigDecimal valueIn(CustomerMetrics metrics) {
        return reading.apply(metrics);
    }

    private static BigDecimal number(Integer value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
