package io.strata.application.imports;

/**
 * The body cannot be read as a whole (broken quoting, not UTF-8, missing required column, empty): the import
 * stops and nothing is written. The column and message may quote the header, so they are cut like a row error's.
 */
public class UnreadableInput extends RuntimeException {

    private final long line;
    private final String column;

    public UnreadableInput(long line, String column, String message) {
        super(Excerpt.of(message, RowError.MAX_MESSAGE_LENGTH));
        this.line = line;
        this.column = Excerpt.of(column, RowError.MAX_COLUMN_LENGTH);
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }
}
