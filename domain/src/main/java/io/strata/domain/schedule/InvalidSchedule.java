package io.strata.domain.schedule;

/** A schedule that cannot be built. {@code field} names the wrong input; the message says how to fix it. */
public class InvalidSchedule extends IllegalArgumentException {

    private final String field;

    public InvalidSchedule(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
