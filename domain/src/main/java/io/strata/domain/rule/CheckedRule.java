package io.strata.domain.rule;

import java.util.List;
import java.util.Objects;

/**
 * A rule whose names and types a {@link FieldCatalogue} accepted: it can be evaluated. {@code notices} are hints
 * that did not stop it, such as an event type never imported so far.
 */
public final class CheckedRule {

    private final Rule rule;
    private final FieldCatalogue catalogue;
    private final List<RuleProblem> notices;

    CheckedRule(Rule rule, FieldCatalogue catalogue, List<RuleProblem> notices) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.catalogue = Objects.requireNonNull(catalogue, "catalogue");
        this.notices = List.copyOf(notices);
    }

    /** The reference evaluator: whether this customer, as of the subject's date, meets the rule. */
    public boolean matches(RuleSubject subject) {
        return new RuleEvaluation(catalogue, subject).holds(rule.condition());
    }

    public Rule rule() {
        return rule;
    }

    public FieldCatalogue catalogue() {
        return catalogue;
    }

    public List<RuleProblem> notices() {
        return notices;
    }

    public String toText() {
        return rule.toText();
    }

    @Override
    public String toString() {
        return toText();
    }
}
