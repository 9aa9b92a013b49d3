package io.strata.domain.tactical;

/** A tactical segment that cannot be built, with the field that is wrong ({@code name}, {@code parentSegment}, {@code rule}, {@code hypothesis}). */
public class InvalidTacticalSegment extends IllegalArgumentException {

    private final String field;

    public InvalidTacticalSegment(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
