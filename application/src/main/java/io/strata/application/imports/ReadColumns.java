package io.strata.application.imports;

import java.util.Arrays;
import java.util.List;

/**
 * The columns a reader reads, by number, and where they sit in a header: worked out once per header rather than
 * looked up by name for each cell of millions of rows. A body with one header (CSV) pays once; one whose rows bring
 * their own (NDJSON) pays once per row, as a lookup by name would.
 */
final class ReadColumns {

    private final List<String> names;
    private SourceHeader header;
    private int[] positions;

    ReadColumns(List<String> names) {
        this.names = List.copyOf(names);
    }

    String name(int column) {
        return names.get(column);
    }

    /** For each column, its position in {@code header}, or -1 when the header does not have it. */
    int[] positionsIn(SourceHeader header) {
        if (header != this.header) {
            int[] found = new int[names.size()];
            Arrays.setAll(found, i -> header.indexOf(names.get(i)));
            this.positions = found;
            this.header = header;
        }
        return positions;
    }
}
