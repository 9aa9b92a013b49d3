package io.strata.application.imports;

/**
 * One invalid cell or row: {@code line} is the physical line in the file (the CSV header is line 1).
 * <p>
 * What is echoed is bounded, since a report keeps up to 1000 errors and a cell may be megabytes long: a value of more
 * than {@link #MAX_VALUE_LENGTH} characters is kept as its first 200 and "…", and {@code valueLength} says how long it
 * was as sent (null when the error names no value), so {@link #valueCut()} tells a cut value from one that ends in "…".
 * A message that quotes a cut value quotes the cut one; a message is at most {@link #MAX_MESSAGE_LENGTH} characters.
 */
public record RowError(long line, String column, String value, String message, Integer valueLength) {

    public static final int MAX_VALUE_LENGTH = 200;
    public static final int MAX_MESSAGE_LENGTH = 1000;
    /** A column is a name from the header; one long enough to need cutting is kept like a value. */
    public static final int MAX_COLUMN_LENGTH = 200;

    public RowError {
        // a NUL in refused input is shown as \u0000: the report is kept in PostgreSQL, whose text cannot hold it
        column = ControlCharacters.storable(column);
        value = ControlCharacters.storable(value);
        message = ControlCharacters.storable(message);
        if (value == null ? valueLength != null : valueLength == null || valueLength < Excerpt.length(value) - Excerpt.CUT.length()) {
            throw new IllegalArgumentException("valueLength " + valueLength + " does not fit the value it describes");
        }
        if (longer(value, MAX_VALUE_LENGTH) || longer(column, MAX_COLUMN_LENGTH) || longer(message, MAX_MESSAGE_LENGTH)) {
            throw new IllegalArgumentException("a row error keeps at most " + MAX_VALUE_LENGTH + " characters of a value and a column and "
                    + MAX_MESSAGE_LENGTH + " of a message; cut them first");
        }
    }

    /** An error as found: a long value, column or message is cut, and so is the value where the message quotes it. */
    public RowError(long line, String column, String value, String message) {
        this(line, ControlCharacters.storable(column), ControlCharacters.storable(value), ControlCharacters.storable(message), true);
    }

    /** Cuts what is already storable, so a cut never splits the escape of a NUL. */
    private RowError(long line, String column, String value, String message, boolean storable) {
        this(line, Excerpt.of(column, MAX_COLUMN_LENGTH), Excerpt.of(value, MAX_VALUE_LENGTH),
                Excerpt.of(quoting(message, value), MAX_MESSAGE_LENGTH), value == null ? null : Excerpt.length(value));
    }

    /** Whether {@code value} is the first {@link #MAX_VALUE_LENGTH} characters of a longer one. */
    public boolean valueCut() {
        return valueLength != null && valueLength > MAX_VALUE_LENGTH;
    }

    private static boolean longer(String text, int max) {
        return text != null && Excerpt.length(text) > max + Excerpt.CUT.length();
    }

    private static String quoting(String message, String value) {
        if (message == null || value == null || Excerpt.length(value) <= MAX_VALUE_LENGTH) {
            return message;
        }
        return message.replace(value, Excerpt.of(value, MAX_VALUE_LENGTH));
    }
}
