package io.strata.domain.rule;

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
        condition.accept(new Condition.Visitor<Void>() {
            @Override
            public Void allOf(Condition.AllOf all) {
                all.parts().forEach(part -> walk(part, scope, catalogue, found));
                return null;
            }

            @Override
            public Void anyOf(Condition.AnyOf any) {
                any.parts().forEach(part -> walk(part, scope, catalogue, found));
                return null;
            }

            @Override
            public Void not(Condition.Not not) {
                walk(not.negated(), scope, catalogue, found);
                return null;
            }

            @Override
            public Void comparison(Condition.Comparison comparison) {
                operand(comparison.operand(), catalogue, found);
                if (comparison.operator() == Operator.EQUALS || comparison.operator() == Operator.NOT_EQUALS) {
                    texts(comparison.operand(), List.of(comparison.value()), scope, catalogue, found);
                }
                return null;
            }

            @Override
            public Void between(Condition.Between between) {
                operand(between.operand(), catalogue, found);
                return null;
            }

            @Override
            public Void inList(Condition.InList in) {
                operand(in.operand(), catalogue, found);
                texts(in.operand(), in.values(), scope, catalogue, found);
                return null;
            }

            @Override
            public Void presence(Condition.Presence presence) {
                operand(presence.operand(), catalogue, found);
                return null;
            }
        });
    }

    /** An aggregate's event type, and the values inside its {@code where}. */
    private static void operand(Operand operand, FieldCatalogue catalogue, Set<ValueSlot> found) {
        operand.match(field -> null, aggregate -> {
            aggregate.source().match(orders -> null,
                    events -> found.add(new ValueSlot(ValueSlot.Kind.EVENT_TYPE, "event_type", null, events.type())));
            aggregate.filter().ifPresent(filter -> walk(filter, aggregate.source(), catalogue, found));
            return null;
        });
    }

    private static void texts(Operand operand, List<Value> values, Source scope, FieldCatalogue catalogue, Set<ValueSlot> found) {
        operand.match(field -> {
            values.forEach(value -> value.asText()
                    .flatMap(text -> ValueSlot.of(catalogue, field.name(), scope, text)).ifPresent(slot -> found.add(slot)));
            return null;
        }, aggregate -> null);
    }
}
