package io.strata.application.tactical.port.in;

import io.strata.application.tactical.FrequentValues;
import io.strata.domain.rule.ValueSlot;

import java.util.List;
import java.util.Optional;

/** In-port: the rule builder's value hints, from fast queries over the stored data. */
public interface SuggestRuleValues {

    /** When the cursor is where a text value goes: that field's most frequent values starting with what is typed. */
    Optional<FrequentValues> valuesAt(String rule, int cursor);

    /** The text values (and event types) a valid rule looks for that no stored data has; empty when it cannot tell in time. */
    List<ValueSlot> valuesNeverSeen(String rule);
}
