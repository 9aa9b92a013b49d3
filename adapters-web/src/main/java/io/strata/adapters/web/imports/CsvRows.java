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
 * physical line it starts on (a quoted field with a line break in it moves the later lines down), so errors point
 * into the file as the sender sees it. Blank lines are skipped.
 */
final class CsvRows implements SourceRows {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final RecordWindow window;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final SourceHeader header;
    private CSVRecord lookahead;
    private long lookaheadLine;
    private long lastRecordLine;

    CsvRows(Reader reader) {
        this.window = new RecordWindow(reader);
        try {
            this.parser = CSVParser.parse(window, FORMAT);
        } catch (IOException e) {
            throw new UnreadableInput(1, null, "the body could not be read: " + e.getMessage());
        }
        this.records = parser.iterator();
        CSVRecord first = nextRecord(null);
        if (first == null) {
            throw new UnreadableInput(1, null, "the body is empty; send a header row and at least one data row");
        }
        if (lastRecordLine != 1) {
            throw new UnreadableInput(1, null, "line 1 is empty; the first line must be the header, naming the columns");
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

    /** The next record that is not a blank line, or null at the end; {@link #lastRecordLine} is where it starts. */
    private CSVRecord nextRecord(List<String> columns) {
        while (true) {
            long linesBefore = parser.getCurrentLineNumber();
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw unreadable(e, columns);
            }
            window.recordStartsAt(record.getCharacterPosition());
            lastRecordLine = linesBefore + 1;
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue;
            }
            return record;
        }
    }

    private UnreadableInput unreadable(RuntimeException e, List<String> columns) {
        boolean started = lastRecordLine > 0;
        long recordLine = started ? lastRecordLine : 1;
        CharSequence text = window.sinceRecordStart();
        if (Utf8Body.isEncodingError(e)) {
            long line = recordLine + text.chars().filter(c -> c == '\n').count();
            return new UnreadableInput(line, null, "line " + line + " has bytes that are not UTF-8; save the file as UTF-8 and send it again");
        }
        boolean tooLong = causedBy(e, RecordWindow.RecordTooLong.class);
        BrokenRecord broken = BrokenRecord.find(text, recordLine, started ? 1 : 0, !tooLong);
        String advice = ". Check the quoting: a field with a comma, quote or line break must be in double quotes, and a quote inside it doubled (\"\")";
        if (broken == null) {
            long line = tooLong ? recordLine : parser.getCurrentLineNumber();
            return new UnreadableInput(line, null, "the CSV cannot be read at line " + line + ": " + rootMessage(e) + advice);
        }
        String column = broken.column(columns);
        return new UnreadableInput(broken.line(), column, "the CSV cannot be read at line " + broken.line() + ", column " + column
                + ": " + broken.problem() + advice);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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

    @Override
    public boolean hasNext() {
        if (lookahead == null) {
            lookahead = nextRecord(header.columns());
            lookaheadLine = lastRecordLine;
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
        return new SourceRow(lookaheadLine, header, record.values());
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
