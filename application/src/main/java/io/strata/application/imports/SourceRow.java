package io.strata.application.imports;

/**
 * A row of an import body as read, before validation: cells by column name, with its physical line.
 * {@code problem} is set when the row itself is malformed (wrong number of fields, a line that is not JSON);
 * such a row is rejected whole while the rest of the body is still read.
 */
public record SourceRow(long line, SourceHeader header, String[] cells, String problem) {

    public SourceRow(long line, SourceHeader header, String[] cells) {
        this(line, header, cells, null);
    }

    public static SourceRow malformed(long line, SourceHeader header, String problem) {
        return new SourceRow(line, header, new String[0], problem);
    }

    /** The cell of a column, {@code null} when the row has no such column; an empty cell is "". */
    public String get(String column) {
        int index = header.indexOf(column);
        if (index < 0 || index >= cells.length) {
            return null;
        }
        return cells[index];
    }
}
