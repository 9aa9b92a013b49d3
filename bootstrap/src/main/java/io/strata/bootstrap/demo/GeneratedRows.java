package io.strata.bootstrap.demo;

import io.strata.application.imports.SourceHeader;
import io.strata.application.imports.SourceRow;
import io.strata.application.imports.SourceRows;

import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/** Rows made in memory, fed to the same import path a file takes. Line numbers count as if a header were line 1. */
final class GeneratedRows implements SourceRows {

    private final SourceHeader header;
    private final Iterator<String[]> rows;
    private long line = 1;

    GeneratedRows(List<String> columns, Iterator<String[]> rows) {
        this.header = new SourceHeader(columns);
        this.rows = rows;
    }

    @Override
    public Optional<SourceHeader> fixedHeader() {
        return Optional.of(header);
    }

    @Override
    public boolean hasNext() {
        return rows.hasNext();
    }

    @Override
    public SourceRow next() {
        return new SourceRow(++line, header, rows.next());
    }

    @Override
    public void close() {
        // nothing to release
    }
}
