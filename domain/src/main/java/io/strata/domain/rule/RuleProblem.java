package io.strata.domain.rule;

import java.util.Objects;
import java.util.Optional;

/** One thing wrong with a parsed rule (an unknown field, a type mismatch), with where it was written if known. */
public record RuleProblem(Position position, String message) {

    public RuleProblem {
        Objects.requireNonNull(message, "message");
    }

    public Optional<Position> at() {
        return Optional.ofNullable(position);
    }

    @Override
    public String toString() {
        return position == null ? message : position + ": " + message;
    }
}
