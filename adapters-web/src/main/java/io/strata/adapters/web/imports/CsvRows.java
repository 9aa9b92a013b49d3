package io.strata.adapters.web.imports;

import io.strata.application.imports.SourceHeader;
import io.strata.application.imports.SourceRow;
import io.strata.application.imports.SourceRows;
import io.strata.application.imports.UnreadableInput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * RFC 4180 CSV read record by record with Commons CSV; the first record is the header. Each row carries the
 * physical line it starts on, so errors point into the file as the sender sees it.
 */
final class CsvRows implements SourceRows {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final SourceHeader header;
    private long linesConsumed;

    CsvRows(Reader reader) {
        try {
            this.parser = CSVParser.parse(reader, FORMAT);
        } catch (IOException e) {
            throw new UnreadableInput(1, null, "the body could not be read: " + e.getMessage());
        }
        this.records = parser.iterator();
        CSVRecord first = nextRecord();
        if (first == null) {
            throw new UnreadableInput(1, null, "the body is empty; send a header row and at least one data row");
        }
        List<String> columns = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            String name = first.get(i).strip();
            if (name.isEmpty()) {
                throw new UnreadableInput(1, "column " + (i + 1), "header column " + (i + 1) + " has no name; every column needs one");
            }
            columns.add(name);
        }
        this.header = new SourceHeader(columns);
    }

    private CSVRecord nextRecord() {
        try {
            if (!records.hasNext()) {
                return null;
            }
            CSVRecord record = records.next();
            return record;
        } catch (UncheckedIOException | IllegalStateException e) {
            long line = linesConsumed + 1;
            if (Utf8Body.isEncodingError(e)) {
                throw new UnreadableInput(parser.getCurrentLineNumber() + 1, null,
                        "line " + (parser.getCurrentLineNumber() + 1) + " has bytes that are not UTF-8; save the file as UTF-8 and send it again");
            }
            throw new UnreadableInput(line, null, "the CSV cannot be read from line " + line + ": "
                    + rootMessage(e) + ". Check the quoting: a field with a comma, quote or line break must be in double quotes, and a quote inside it doubled (\"\")");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    @Override
    public Optional<SourceHeader> fixedHeader() {
        return Optional.of(header);
    }

    private CSVRecord lookahead;
    private long lookaheadLine;

    @Override
    public boolean hasNext() {
        if (lookahead == null) {
            linesConsumed = parser.getCurrentLineNumber();
            lookahead = nextRecord();
            lookaheadLine = linesConsumed + 1;
        }
        return lookahead != null;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = lookahead;
        lookahead = null;
        if (record.size() != header.columns().size()) {
            return SourceRow.malformed(lookaheadLine, header, "line " + lookaheadLine + " has " + record.size()
                    + " fields but the header has " + header.columns().size()
                    + "; every row needs one field per header column (quote fields that contain commas)");
        }
        String[] cells = new String[record.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = record.get(i);
        }
        return new SourceRow(lookaheadLine, header, cells);
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException ignored) {
            // the request is over either way
        }
    }
}
