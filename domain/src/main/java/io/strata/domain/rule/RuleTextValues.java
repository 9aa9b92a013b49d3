package io.strata.domain.rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The text values a rule looks for, each in the slot of the field it is compared with by equality or in a list, and
 * the event types it counts: {@code category = "kids"} matches nobody when no order line has that category, which the
 * builder then says. Comparisons by {@code contains} and {@code starts_with} are left out: their text is a fragment.
 */
public final class RuleTextValues {

    private RuleTextValues() {
    }

    public static List<ValueSlot> of(CheckedRule rule) {
        Set<ValueSlot> found = new LinkedHashSet<>();
        walk(rule.rule().condition(), null, rule.catalogue(), found);
        return List.copyOf(found);
    }

    private static void walk(Condition condition, Source scope, FieldCatalogue catalogue, Set<ValueSlot> found) {
        if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(part -> walk(part, scope, catalogue, found));
        } else if (condition instanceof Condition.AnyOf any) {
            any.parts().forEach(part -> walk(part, scope, catalogue, found));
        } else if (condition instanceof Condition.Not not) {
            walk(not.negated(), scope, catalogue, found);
        } else if (condition instanceof Condition.Comparison comparison) {
            operand(comparison.operand(), scope, catalogue, found);
            if (comparison.operator() == Operator.EQUALS || comparison.operator() == Operator.NOT_EQUALS) {
                texts(comparison.operand(), List.of(comparison.value()), scope, catalogue, found);
            }
        } else if (condition instanceof Condition.InList in) {
            operand(in.operand(), scope, catalogue, found);
            texts(in.operand(), in.values(), scope, catalogue, found);
        } else if (condition instanceof Condition.Between between) {
            operand(between.operand(), scope, catalogue, found);
        } else if (condition instanceof Condition.Presence presence) {
            operand(presence.operand(), scope, catalogue, found);
        }
    }

    /** An aggregate's event type, and the values inside its {@code where}. */
    private static void operand(Operand operand, Source scope, FieldCatalogue catalogue, Set<ValueSlot> found) {
        if (operand instanceof Operand.Aggregate aggregate) {
            if (aggregate.source() instanceof Source.Events events) {
                found.add(new ValueSlot(ValueSlot.Kind.EVENT_TYPE, "event_type", null, events.type()));
            }
            aggregate.filter().ifPresent(filter -> walk(filter, aggregate.source(), catalogue, found));
        }
    }

    private static void texts(Operand operand, List<Value> values, Source scope, FieldCatalogue catalogue, Set<ValueSlot> found) {
        if (!(operand instanceof Operand.Field field)) {
            return;
        }
        List<String> texts = new ArrayList<>();
        values.forEach(value -> {
            if (value instanceof Value.Text text) {
                texts.add(text.text());
            }
        });
        texts.forEach(text -> ValueSlot.of(catalogue, field.name(), scope, text).ifPresent(found::add));
    }
}
