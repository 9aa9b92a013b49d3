package io.strata.domain.rule;

import java.util.List;

/** Small walks over a condition tree (Java 17 has no type patterns in switch). */
final class Conditions {

    private Conditions() {
    }

    /** The operand of a predicate, or {@code null} for {@code and}, {@code or}, {@code not}. */
    static Operand operandOf(Condition condition) {
        if (condition instanceof Condition.Comparison c) {
            return c.operand();
        } else if (condition instanceof Condition.Between b) {
            return b.operand();
        } else if (condition instanceof Condition.InList i) {
            return i.operand();
        } else if (condition instanceof Condition.Presence p) {
            return p.operand();
        }
        return null;
    }

    static List<Condition> children(Condition condition) {
        if (condition instanceof Condition.AllOf all) {
            return all.parts();
        } else if (condition instanceof Condition.AnyOf any) {
            return any.parts();
        } else if (condition instanceof Condition.Not not) {
            return List.of(not.negated());
        }
        return List.of();
    }

    static boolean hasAggregate(Condition condition) {
        return operandOf(condition) instanceof Operand.Aggregate
                || children(condition).stream().anyMatch(Conditions::hasAggregate);
    }
}
