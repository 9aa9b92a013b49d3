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

    /**
     * Whether the rule names one of the run's predictions at customer level: such a rule needs a run whose models were
     * fitted to mean anything (see docs/predictions.md, "Predicted fields in rules").
     */
    public boolean namesPredictedFields() {
        return rule.condition().accept(new PredictedNames());
    }

    /** Finds predicted fields among the customer-level operands (an aggregate's where reads lines or events only). */
    private final class PredictedNames implements Condition.Visitor<Boolean> {
        @Override
        public Boolean allOf(Condition.AllOf all) {
            return all.parts().stream().anyMatch(part -> part.accept(this));
        }

        @Override
        public Boolean anyOf(Condition.AnyOf any) {
            return any.parts().stream().anyMatch(part -> part.accept(this));
        }

        @Override
        public Boolean not(Condition.Not not) {
            return not.negated().accept(this);
        }

        @Override
        public Boolean comparison(Condition.Comparison comparison) {
            return predicted(comparison.operand());
        }

        @Override
        public Boolean between(Condition.Between between) {
            return predicted(between.operand());
        }

        @Override
        public Boolean inList(Condition.InList in) {
            return predicted(in.operand());
        }

        @Override
        public Boolean presence(Condition.Presence presence) {
            return predicted(presence.operand());
        }

        private boolean predicted(Operand operand) {
            return operand.match(field -> catalogue.customerField(field.name()).map(RuleField::isPrediction).orElse(false), aggregate -> false);
        }
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
