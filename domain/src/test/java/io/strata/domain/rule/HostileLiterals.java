package io.strata.domain.rule;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Valid rules whose text literals are replaced by hostile text, and nothing else: the structure, fields, operators,
 * numbers and dates stay as {@link RuleArbitraries#validRules()} made them, so every such rule still parses and
 * passes the catalogue, and its literals reach the SQL. Replacements are often exactly a stored value
 * ({@link RuleArbitraries#HOSTILE_TEXTS}), so that rules select someone.
 */
public final class HostileLiterals {

    /** Date literals are text in a rule; replacing them would make the rule invalid, which is not the point here. */
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final List<String> PIECES = List.of("'", "''", "%", "_", "\\", "\"", "x' or '1'='1", "é", "Zürich",
            "\uD83D\uDCFA", " ", "--", ";", "/*", "a", "Ri", "kids", "\t", "$1", "?");

    private HostileLiterals() {
    }

    public static Arbitrary<Rule> validRulesWithHostileLiterals() {
        return RuleArbitraries.validRules().flatMap(rule -> {
            List<String> texts = texts(rule.condition(), new ArrayList<>());
            if (texts.isEmpty()) {
                return Arbitraries.just(rule);
            }
            List<Arbitrary<String>> replacements = texts.stream().map(HostileLiterals::replacing).toList();
            return Combinators.combine(replacements).as(list -> new Rule(replaced(rule.condition(), list.iterator())));
        });
    }

    private static Arbitrary<String> replacing(String original) {
        Arbitrary<String> piece = Arbitraries.of(PIECES);
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(RuleArbitraries.HOSTILE_TEXTS)),
                Tuple.of(1, Arbitraries.of(RuleArbitraries.TEXTS)),
                Tuple.of(2, piece.list().ofMinSize(1).ofMaxSize(4).map(list -> String.join("", list))),
                Tuple.of(1, piece.map(p -> original + p)),
                Tuple.of(1, piece.map(p -> p + original)),
                Tuple.of(1, Arbitraries.just(original)));
    }

    /** The text literals that are not dates, in a fixed walk order. */
    static List<String> texts(Condition condition, List<String> into) {
        if (condition instanceof Condition.AllOf all) {
            all.parts().forEach(part -> texts(part, into));
        } else if (condition instanceof Condition.AnyOf any) {
            any.parts().forEach(part -> texts(part, into));
        } else if (condition instanceof Condition.Not not) {
            texts(not.negated(), into);
        } else if (condition instanceof Condition.Comparison comparison) {
            operandTexts(comparison.operand(), into);
            valueText(comparison.value(), into);
        } else if (condition instanceof Condition.Between between) {
            operandTexts(between.operand(), into);
            valueText(between.low(), into);
            valueText(between.high(), into);
        } else if (condition instanceof Condition.InList in) {
            operandTexts(in.operand(), into);
            in.values().forEach(value -> valueText(value, into));
        } else if (condition instanceof Condition.Presence presence) {
            operandTexts(presence.operand(), into);
        }
        return into;
    }

    private static void operandTexts(Operand operand, List<String> into) {
        if (operand instanceof Operand.Aggregate aggregate) {
            aggregate.filter().ifPresent(filter -> texts(filter, into));
        }
    }

    private static void valueText(Value value, List<String> into) {
        if (value instanceof Value.Text text && !DATE.matcher(text.text()).matches()) {
            into.add(text.text());
        }
    }

    /** The condition with its non-date text literals taken from {@code next}, in the order {@link #texts} walks them. */
    static Condition replaced(Condition condition, Iterator<String> next) {
        if (condition instanceof Condition.AllOf all) {
            return new Condition.AllOf(all.parts().stream().map(part -> replaced(part, next)).toList());
        } else if (condition instanceof Condition.AnyOf any) {
            return new Condition.AnyOf(any.parts().stream().map(part -> replaced(part, next)).toList());
        } else if (condition instanceof Condition.Not not) {
            return new Condition.Not(replaced(not.negated(), next));
        } else if (condition instanceof Condition.Comparison comparison) {
            Operand operand = replaced(comparison.operand(), next);
            return new Condition.Comparison(operand, comparison.operator(), replaced(comparison.value(), next));
        } else if (condition instanceof Condition.Between between) {
            Operand operand = replaced(between.operand(), next);
            Value low = replaced(between.low(), next);
            return new Condition.Between(operand, low, replaced(between.high(), next));
        } else if (condition instanceof Condition.InList in) {
            Operand operand = replaced(in.operand(), next);
            return new Condition.InList(operand, in.negated(), in.values().stream().map(value -> replaced(value, next)).toList());
        } else if (condition instanceof Condition.Presence presence) {
            return new Condition.Presence(replaced(presence.operand(), next), presence.present());
        }
        throw new IllegalArgumentException("unknown condition " + condition);
    }

    private static Operand replaced(Operand operand, Iterator<String> next) {
        if (operand instanceof Operand.Aggregate a && a.filter().isPresent()) {
            Optional<Condition> filter = Optional.of(replaced(a.filter().get(), next));
            return new Operand.Aggregate(a.function(), a.source(), a.field(), filter, a.withinDays());
        }
        return operand;
    }

    private static Value replaced(Value value, Iterator<String> next) {
        if (value instanceof Value.Text text && !DATE.matcher(text.text()).matches()) {
            return new Value.Text(next.next());
        }
        return value;
    }
}
