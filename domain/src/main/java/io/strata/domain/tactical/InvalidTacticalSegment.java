package io.strata.domain.tactical;

import java.util.List;
import java.util.stream.Collectors;

/** What is wrong with a tactical segment's fields: every wrong field at once, each with its own message. */
public class InvalidTacticalSegment extends IllegalArgumentException {

    /** One wrong field. */
    public record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    public InvalidTacticalSegment(String field, String message) {
        this(List.of(new Problem(field, message)));
    }

    public InvalidTacticalSegment(List<Problem> problems) {
        super(problems.stream().map(Problem::message).collect(Collectors.joining("; ")));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an InvalidTacticalSegment needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The first wrong field. */
    public String field() {
        return problems.get(0).field();
    }

    public List<Problem> problems() {
        return problems;
    }
}
