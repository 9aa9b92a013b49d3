package io.strata.domain.rule;

import java.util.Objects;

/**
 * A rule text that cannot be read: where it went wrong, the token found there, what would have fitted, and a
 * message such as {@code line 1, column 14: expected a value after '=' but found end of rule}.
 */
public final class RuleSyntaxError extends RuleError {

    private final Position position;
    private final String found;
    private final String expected;

    public RuleSyntaxError(Position position, String found, String expected, String message) {
        super(position + ": " + message);
        this.position = Objects.requireNonNull(position, "position");
        this.found = Objects.requireNonNull(found, "found");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    public Position position() {
        return position;
    }

    public int line() {
        return position.line();
    }

    public int column() {
        return position.column();
    }

    /** The offending token as written, or {@code end of rule}. */
    public String found() {
        return found;
    }

    /** What the parser would have accepted there; empty when the token itself is broken. */
    public String expected() {
        return expected;
    }
}
