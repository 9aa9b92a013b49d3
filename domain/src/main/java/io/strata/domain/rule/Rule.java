package io.strata.domain.rule;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A tactical rule as a planner wrote it: a condition tree, plus where each of its parts stood in the text.
 * Two rules are equal when their trees are equal; where they were written does not change what they mean.
 */
public final class Rule {

    public static final int MAX_LENGTH = 10_000;
    public static final int MAX_DEPTH = 64;
    public static final int MAX_IN_VALUES = 1_000;
    public static final int MAX_DAYS = 100_000;
    public static final int MAX_NAME_LENGTH = 200;

    private final Condition condition;
    private final Map<Object, Position> positions;

    public Rule(Condition condition) {
        this(condition, Map.of());
    }

    Rule(Condition condition, Map<Object, Position> positions) {
        this.condition = Objects.requireNonNull(condition, "condition");
        this.positions = Collections.unmodifiableMap(new IdentityHashMap<>(positions));
    }

    /** Reads a rule text; throws {@link RuleSyntaxError} naming line and column when it cannot. */
    public static Rule parse(String text) {
        return RuleParser.parse(text);
    }

    public Condition condition() {
        return condition;
    }

    /** Where a node of this rule's tree (the very instance) was written; empty for rules built in code. */
    public Optional<Position> positionOf(Object node) {
        return Optional.ofNullable(positions.get(node));
    }

    /** The canonical text: it parses back to an equal rule. */
    public String toText() {
        return RulePrinter.print(condition);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Rule rule && rule.condition.equals(condition);
    }

    @Override
    public int hashCode() {
        return condition.hashCode();
    }

    @Override
    public String toString() {
        return toText();
    }
}
