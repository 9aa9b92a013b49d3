package io.strata.application.tactical;

import io.strata.domain.rule.ValueSlot;

import java.util.List;

/**
 * The most frequent values for the slot the cursor is in, most frequent first; {@code typed} is the value's text as
 * written so far (to be replaced); {@code approximate} when the counts come from a sample of a large table.
 */
public record FrequentValues(ValueSlot slot, String typed, List<ValueCount> values, boolean approximate) {

    public FrequentValues {
        values = List.copyOf(values);
    }
}
