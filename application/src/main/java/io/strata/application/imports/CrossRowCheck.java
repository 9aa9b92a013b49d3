package io.strata.application.imports;

/**
 * The first errors that only the whole file shows, and how many otherwise valid rows they leave out (which can be
 * more than the errors listed).
 */
public record CrossRowCheck(java.util.List<RowError> errors, long rejectedRows) {

    public CrossRowCheck {
        errors = java.util.List.copyOf(errors);
    }

    public static CrossRowCheck none() {
        return new CrossRowCheck(java.util.List.of(), 0);
    }
}
