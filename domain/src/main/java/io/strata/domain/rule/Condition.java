package io.strata.domain.rule;

import java.util.List;
import java.util.Objects;

/** A rule's tree: {@code and}, {@code or}, {@code not} over predicates on one operand each. */
public sealed interface Condition permits Condition.AllOf, Condition.AnyOf, Condition.Not, Condition.Comparison,
        Condition.Between, Condition.InList, Condition.Presence {

    /**
     * One method per kind of condition. Every walk of the tree (reference evaluator, checks, printer, SQL compiler)
     * implements it, so a new kind of condition does not compile until each walk handles it.
     */
    interface Visitor<R> {
        R allOf(AllOf all);

        R anyOf(AnyOf any);

        R not(Not not);

        R comparison(Comparison comparison);

        R between(Between between);

        R inList(InList in);

        R presence(Presence presence);
    }

    <R> R accept(Visitor<R> visitor);

    /** {@code a and b and …}: holds when every part holds. */
    record AllOf(List<Condition> parts) implements Condition {
        public AllOf {
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("'and' joins at least two conditions");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.allOf(this);
        }
    }

    /** {@code a or b or …}: holds when some part holds. */
    record AnyOf(List<Condition> parts) implements Condition {
        public AnyOf {
            parts = List.copyOf(parts);
            if (parts.size() < 2) {
                throw new IllegalArgumentException("'or' joins at least two conditions");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.anyOf(this);
        }
    }

    /** Plain boolean negation: {@code not (device = "web")} holds for a customer without a device. */
    record Not(Condition negated) implements Condition {
        public Not {
            Objects.requireNonNull(negated, "negated");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.not(this);
        }
    }

    /** {@code operand <op> value}; false when the operand is missing. */
    record Comparison(Operand operand, Operator operator, Value value) implements Condition {
        public Comparison {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.comparison(this);
        }
    }

    /** {@code operand between low and high}, both ends included; false when the operand is missing. */
    record Between(Operand operand, Value low, Value high) implements Condition {
        public Between {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(low, "low");
            Objects.requireNonNull(high, "high");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.between(this);
        }
    }

    /** {@code operand in (…)} or {@code operand not in (…)}; both are false when the operand is missing. */
    record InList(Operand operand, boolean negated, List<Value> values) implements Condition {
        public InList {
            Objects.requireNonNull(operand, "operand");
            values = List.copyOf(values);
            if (values.isEmpty() || values.size() > Rule.MAX_IN_VALUES) {
                throw new IllegalArgumentException("an in list holds 1 to " + Rule.MAX_IN_VALUES + " values");
            }
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.inList(this);
        }
    }

    /** {@code operand is not null} ({@code present}) or {@code operand is null}. */
    record Presence(Operand operand, boolean present) implements Condition {
        public Presence {
            Objects.requireNonNull(operand, "operand");
        }

        @Override
        public <R> R accept(Visitor<R> visitor) {
            return visitor.presence(this);
        }
    }
}
