package io.strata.domain.rule;

/** Everything that can be wrong with a rule a planner wrote: it does not parse, or it does not fit the data. */
public abstract sealed class RuleError extends RuntimeException permits RuleSyntaxError, RuleValidationError {

    protected RuleError(String message) {
        super(message, null, false, false);
    }
}
