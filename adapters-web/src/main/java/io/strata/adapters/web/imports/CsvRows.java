package io.strata.adapters.web.imports;

import io.strata.application.imports.SourceHeader;
import io.strata.application.imports.SourceRow;
import io.strata.application.imports.SourceRows;
import io.strata.application.imports.UnreadableInput;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * RFC 4180 CSV read record by record with FastCSV; the first record is the header. Each row carries the physical
 * line it starts on (a quoted field with a line break in it moves the later lines down), so errors point into the
 * file as the sender sees it. Blank lines are skipped. A row with more or fewer fields than the header is a row
 * error, not the end of the body. Nothing may follow the closing quote of a field but a comma or the line's end.
 */
final class CsvRows implements SourceRows {

    private static final Logger log = LoggerFactory.getLogger(CsvRows.class);

    private final RecordWindow window;
    private final CsvReader<CsvRecord> parser;
    private final Iterator<CsvRecord> records;
    private final SourceHeader header;
    private CsvRecord lookahead;
    private long lookaheadLine;
    private long lastRecordLine;
    private boolean ended;

    CsvRows(Reader reader) {
        this.window = new RecordWindow(reader);
        this.parser = CsvReader.builder()
                .skipEmptyLines(true)
                // a row with the wrong number of fields is a row error of ours, not the end of the body
                .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
                .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
                .ofCsvRecord(window);
        this.records = parser.iterator();
        CsvRecord first = nextRecord(null);
        if (first == null) {
            throw new UnreadableInput(1, null, "the body is empty; send a header row and at least one data row");
        }
        if (lastRecordLine != 1) {
            throw new UnreadableInput(1, null, "line 1 is empty; the first line must be the header, naming the columns");
        }
        List<String> columns = new ArrayList<>(first.getFieldCount());
        for (int i = 0; i < first.getFieldCount(); i++) {
            String name = first.getField(i).strip();
            if (name.isEmpty()) {
                throw new UnreadableInput(1, "column " + (i + 1), "header column " + (i + 1) + " has no name; every column needs one");
            }
            columns.add(name);
        }
        this.header = new SourceHeader(columns);
    }

    /** The next record, or null at the end; {@link #lastRecordLine} is where it starts. */
    private CsvRecord nextRecord(List<String> columns) {
        if (ended) {
            return null;
        }
        CsvRecord record;
        try {
            if (!records.hasNext()) {
                ended = true;
                checkLastRecord(columns);
                return null;
            }
            record = records.next();
        } catch (CsvParseException e) {
            // the parser wraps whatever the body's reader throws; a body over the size limit is not a CSV problem
            if (e.getCause() instanceof RuntimeException cause && !(cause instanceof CsvParseException) && !TextBody.cutOff(cause)) {
                throw cause;
            }
            throw unreadable(e, columns);
        } catch (UncheckedIOException e) {
            throw unreadable(e, columns);
        }
        lastRecordLine = record.getStartingLineNumber();
        window.recordStartsOnLine(lastRecordLine);
        return record;
    }

    /**
     * The parser takes a quote left open at the end of the body as closed there; the sender meant something else, so
     * the last record is read again by the rules of {@link BrokenRecord} and refused if a quote in it never closes.
     */
    private void checkLastRecord(List<String> columns) {
        if (lastRecordLine == 0) {
            return;
        }
        BrokenRecord broken = BrokenRecord.find(window.sinceRecordStart(), lastRecordLine, 0, true);
        if (broken != null) {
            throw brokenAt(broken, columns);
        }
    }

    private static UnreadableInput brokenAt(BrokenRecord broken, List<String> columns) {
        String column = broken.column(columns);
        return new UnreadableInput(broken.line(), column, "the CSV cannot be read at line " + broken.line() + ", column " + column
                + ": " + broken.problem() + QUOTING_ADVICE);
    }

    private static final String QUOTING_ADVICE = ". Check the quoting: a field with a comma, quote or line break must be in "
            + "double quotes, and a quote inside it doubled (\"\")";

    private UnreadableInput unreadable(RuntimeException e, List<String> columns) {
        boolean started = lastRecordLine > 0;
        long recordLine = started ? lastRecordLine : 1;
        CharSequence text = window.sinceRecordStart();
        if (TextBody.cutOff(e)) {
            long line = recordLine + lineBreaks(text);
            return new UnreadableInput(line, null, TextBody.cutOffAt(line, e));
        }
        String badBytes = TextBody.badBytes(e);
        if (badBytes != null) {
            long line = recordLine + lineBreaks(text);
            String column = started && columns != null ? columnAtEnd(text, columns) : null;
            return new UnreadableInput(line, column, "line " + line + (column == null ? "" : ", column " + column)
                    + ", has " + badBytes);
        }
        boolean tooLong = causedBy(e, RecordWindow.RecordTooLong.class);
        BrokenRecord broken = BrokenRecord.find(text, recordLine, started ? 1 : 0, !tooLong);
        if (broken == null) {
            if (tooLong) {
                // our own bound, in our own words
                return new UnreadableInput(recordLine, null, "the CSV cannot be read at line " + recordLine + ": " + rootMessage(e) + QUOTING_ADVICE);
            }
            FailedRecord failed = FailedRecord.after(text, recordLine, started);
            if (failed.fields() > MAX_FIELDS) {
                return new UnreadableInput(failed.line(), null, "the CSV cannot be read at line " + failed.line() + ": it has more than "
                        + MAX_FIELDS + " fields, and a row may have at most " + MAX_FIELDS + "; " + (columns == null
                        ? "the header names one column per field: check that the file separates its fields with commas and that a header"
                                + " of so many columns is meant"
                        : "every row needs one field per header column (the header has " + columns.size() + "): check that this line is"
                                + " not several rows run together, and quote fields that contain commas"));
            }
            // the parser's own sentence is no answer to a user (a library's words, its own line count): it goes to the log
            log.warn("a CSV body could not be read at line {}, and the parser's reason was not foreseen", failed.line(), e);
            return new UnreadableInput(failed.line(), null, "the CSV cannot be read at line " + failed.line() + QUOTING_ADVICE);
        }
        return brokenAt(broken, columns);
    }

    /**
     * The header's column in which {@code text} (whole records, then the start of one) ends: the contract's 400 names
     * the line and the column, and a byte that is not UTF-8 lies in a field (before session 51 the column was null).
     * Separators and line breaks inside double quotes belong to the field; a doubled quote toggles twice.
     */
    static String columnAtEnd(CharSequence text, List<String> columns) {
        int field = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                field++;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                field = 0;
            }
        }
        return field < columns.size() ? columns.get(field) : null;
    }

    /** The fields the parser takes in one record (FastCSV's default); a record with more stops the body. */
    static final int MAX_FIELDS = 16_384;

    /**
     * The record the parser failed in: the one after the last record it gave (which {@code text} starts with, when
     * {@code started}), skipping blank lines; its physical line and how many fields it has as far as it was read.
     */
    record FailedRecord(long line, int fields) {

        static FailedRecord after(CharSequence text, long recordLine, boolean started) {
            int n = text.length();
            int i = 0;
            long line = recordLine;
            boolean quoted = false;
            while (started && i < n) {
                char c = text.charAt(i++);
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && i < n && text.charAt(i) == '\n') {
                        i++;
                    }
                    line++;
                    if (!quoted) {
                        break;
                    }
                }
            }
            // blank lines before it (the parser skips them)
            while (i < n && (text.charAt(i) == '\r' || text.charAt(i) == '\n')) {
                if (text.charAt(i++) == '\r' && i < n && text.charAt(i) == '\n') {
                    i++;
                }
                line++;
            }
            int fields = 1;
            quoted = false;
            for (; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"') {
                    quoted = !quoted;
                } else if (!quoted && c == ',') {
                    fields++;
                } else if (!quoted && (c == '\r' || c == '\n')) {
                    break;
                }
            }
            return new FailedRecord(line, fields);
        }
    }

    private static long lineBreaks(CharSequence text) {
        long breaks = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                breaks++;
            }
        }
        return breaks;
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
        CsvRecord record = lookahead;
        lookahead = null;
        if (record.getFieldCount() != header.columns().size()) {
            return SourceRow.malformed(lookaheadLine, header, "line " + lookaheadLine + " has " + record.getFieldCount()
                    + " fields but the header has " + header.columns().size()
                    + "; every row needs one field per header column (quote fields that contain commas)");
        }
        return new SourceRow(lookaheadLine, header, record.getFields().toArray(new String[0]));
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
