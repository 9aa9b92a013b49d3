package io.strata.domain.rule;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an aggregate computes over the order lines or events it selects. */
public enum AggregateFunction {
    /** Distinct orders with a selected line, or selected events. Takes no field. */
    COUNT,
    /** Sum of a numeric field over the selected lines or events; 0 when none. */
    SUM,
    /** Average of a numeric field, rounded half-up to 4 places; missing when none. */
    AVG,
    /** Number of distinct present values of a field. */
    DISTINCT;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean needsField() {
        return this != COUNT;
    }

    public static Optional<AggregateFunction> byKeyword(String word) {
        return Arrays.stream(values()).filter(f -> f.keyword().equalsIgnoreCase(word)).findFirst();
    }
}
