package io.strata.domain.rule;

import java.util.List;

/** Small walks over a condition tree. */
final class Conditions {

    private Conditions() {
    }

    /** The operand of a predicate, or {@code null} for {@code and}, {@code or}, {@code not}. */
    static Operand operandOf(Condition condition) {
        return condition.accept(new Condition.Visitor<>() {
            @Override
            public Operand allOf(Condition.AllOf all) {
                return null;
            }

            @Override
            public Operand anyOf(Condition.AnyOf any) {
                return null;
            }

            @Override
            public Operand not(Condition.Not not) {
                return null;
            }

            @Override
            public Operand comparison(Condition.Comparison comparison) {
                return comparison.operand();
            }

            @Override
            public Operand between(Condition.Between between) {
                return between.operand();
            }

            @Override
            public Operand inList(Condition.InList in) {
                return in.operand();
            }

            @Override
            public Operand presence(Condition.Presence presence) {
                return presence.operand();
            }
        });
    }

    static List<Condition> children(Condition condition) {
        return condition.accept(new Condition.Visitor<>() {
            @Override
            public List<Condition> allOf(Condition.AllOf all) {
                return all.parts();
            }

            @Override
            public List<Condition> anyOf(Condition.AnyOf any) {
                return any.parts();
            }

            @Override
            public List<Condition> not(Condition.Not not) {
                return List.of(not.negated());
            }

            @Override
            public List<Condition> comparison(Condition.Comparison comparison) {
                return List.of();
            }

            @Override
            public List<Condition> between(Condition.Between between) {
                return List.of();
            }

            @Override
            public List<Condition> inList(Condition.InList in) {
                return List.of();
            }

            @Override
            public List<Condition> presence(Condition.Presence presence) {
                return List.of();
            }
        });
    }

    static boolean hasAggregate(Condition condition) {
        Operand operand = operandOf(condition);
        return (operand != null && operand.match(field -> false, aggregate -> true))
                || children(condition).stream().anyMatch(Conditions::hasAggregate);
    }
}
