package io.strata.application.tactical.port.out;

import io.strata.application.tactical.ValueCount;
import io.strata.domain.rule.ValueSlot;

import java.util.List;
import java.util.Optional;

/** Out-port: which values a field has in the stored data, answered fast (a sample of a large table, a time limit). */
public interface FieldValues {

    record Counted(List<ValueCount> values, boolean approximate) {
    }

    /** The slot's field's most frequent values starting with the slot's prefix (case-insensitively), at most {@code limit}. */
    Counted mostFrequent(ValueSlot slot, int limit);

    /** Whether any stored row has exactly the slot's prefix as the field's value; empty when that is not known in time. */
    Optional<Boolean> occurs(ValueSlot slot);
}
