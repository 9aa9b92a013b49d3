package io.strata.application.imports;

/** One invalid cell or row: {@code line} is the physical line in the file (the CSV header is line 1). */
public record RowError(long line, String column, String value, String message) {

    /** A NUL in refused input is shown as {@code \u0000}: the report is kept in PostgreSQL, whose text cannot hold it. */
    public RowError {
        column = ControlCharacters.storable(column);
        value = ControlCharacters.storable(value);
        message = ControlCharacters.storable(message);
    }
}
