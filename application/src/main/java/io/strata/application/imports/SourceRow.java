package io.strata.application.imports;

/**
 * A row of an import body as read, before validation: cells by column name, with its physical line.
 * {@code problem} is set when the row itself is malformed (wrong number of fields, a line that is not JSON);
 * such a row is rejected whole while the rest of the body is still read; {@code problemColumn} names where in the row, when
 * that is known.
 */
public record SourceRow(long line, SourceHeader header, String[] cells, String problem, String problemColumn) {

    public SourceRow(long line, SourceHeader header, String[] cells) {
        this(line, header, cells, null, null);
    }

    public static SourceRow malformed(long line, SourceHeader header, String problem) {
        return new SourceRow(line, header, new String[0], problem, null);
    }

    /**
     * A row refused as a whole at one of its columns ({@code column}, e.g. a field given twice on an NDJSON line), with the
     * cells that could still be read, so that the unit it belongs to (its order) can be left out whole.
     */
    public static SourceRow malformedAt(long line, SourceHeader header, String[] cells, String column, String problem) {
        return new SourceRow(line, header, cells, problem, column);
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
