package io.strata.domain.rule;

import java.util.List;
import java.util.stream.Collectors;

/** A rule that parses but does not fit the data: unknown fields or values of the wrong type. */
public final class RuleValidationError extends RuleError {

    private final List<RuleProblem> problems;

    public RuleValidationError(List<RuleProblem> problems) {
        super(problems.stream().map(RuleProblem::toString).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a validation error needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<RuleProblem> problems() {
        return problems;
    }
}
