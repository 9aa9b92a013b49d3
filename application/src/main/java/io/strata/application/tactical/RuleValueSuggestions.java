package io.strata.application.tactical;

import io.strata.application.tactical.port.in.SuggestRuleValues;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.application.tactical.port.out.FieldValues;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.RuleCompletion;
import io.strata.domain.rule.RuleError;
import io.strata.domain.rule.RuleTextValues;
import io.strata.domain.rule.ValueSlot;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

public final class RuleValueSuggestions implements SuggestRuleValues {

    static final int SUGGESTED = 8;
    /** A rule names a handful of values; more would cost more queries than the builder's pause allows. */
    static final int CHECKED = 10;

    private final FieldCatalogues catalogues;
    private final FieldValues values;

    public RuleValueSuggestions(FieldCatalogues catalogues, FieldValues values) {
        this.catalogues = catalogues;
        this.values = values;
    }

    @Override
    public Optional<FrequentValues> valuesAt(String rule, int cursor) {
        String text = rule == null ? "" : rule;
        String before = text.substring(0, Math.max(0, Math.min(cursor, text.length())));
        return RuleCompletion.valueAt(catalogues.current(), before).map(at -> {
            FieldValues.Counted counted = values.mostFrequent(at.slot(), SUGGESTED);
            return new FrequentValues(at.slot(), at.typed(), counted.values(), counted.approximate());
        });
    }

    @Override
    public List<ValueSlot> valuesNeverSeen(String rule) {
        FieldCatalogue catalogue = catalogues.current();
        CheckedRule checked;
        try {
            checked = catalogue.check(rule);
        } catch (RuleError | IllegalArgumentException e) {
            return List.of();
        }
        List<ValueSlot> unseen = new ArrayList<>();
        RuleTextValues.of(checked).stream().limit(CHECKED)
                .forEach(slot -> values.occurs(slot).filter(occurs -> !occurs).ifPresent(never -> unseen.add(slot)));
        return List.copyOf(unseen);
    }
}
