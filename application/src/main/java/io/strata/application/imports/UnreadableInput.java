package io.strata.application.imports;

/**
 * The body cannot be read as a whole (broken quoting, not UTF-8, missing required column, empty): the import
 * stops and nothing is written.
 */
public class UnreadableInput extends RuntimeException {

    private final long line;
    private final String column;

    public UnreadableInput(long line, String column, String message) {
        super(message);
        this.line = line;
        this.column = column;
    }

    public long line() {
        return line;
    }

    public String column() {
        return column;
    }
}
