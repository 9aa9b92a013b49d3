package io.strata.adapters.web.download;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every CSV download of the API and the console is written through this one class, row by row as it streams.
 * A text cell that a spreadsheet would read as a formula (it begins with {@code = + - @}, a tab or a carriage
 * return) gets a leading {@code '}, as OWASP's "CSV Injection" page recommends; a number column's cells are
 * written as they are, negative amounts included. A value given to a number column that is not a plain decimal
 * number is treated as text, so a column's kind can never let a formula through.
 */
public final class CsvDownload implements Closeable {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** What a number column may hold as is: an optional minus, digits, an optional fraction. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    private final List<CsvColumn> columns;
    private final CSVPrinter printer;
    private final Object[] cells;

    private CsvDownload(OutputStream out, List<CsvColumn> columns) throws IOException {
        this.columns = List.copyOf(columns);
        this.cells = new Object[columns.size()];
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setRecordSeparator("\n")
                .setHeader(this.columns.stream().map(CsvColumn::name).toArray(String[]::new)).get());
    }

    /** Writes the header row at once; rows follow with {@link #row}. */
    public static CsvDownload start(OutputStream out, List<CsvColumn> columns) throws IOException {
        return new CsvDownload(out, columns);
    }

    /**
     * A streamed CSV answer: {@code rows} writes into the download while the client reads. {@code filename} names the
     * attachment, or is null for a plain text/csv answer.
     */
    public static ResponseEntity<StreamingResponseBody> answer(String filename, List<CsvColumn> columns, Rows rows) {
        StreamingResponseBody body = out -> {
            try (CsvDownload csv = start(out, columns)) {
                rows.writeTo(csv);
            }
        };
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(TEXT_CSV);
        if (filename != null) {
            answer.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        return answer.body(body);
    }

    /** The rows of one download. */
    @FunctionalInterface
    public interface Rows {
        void writeTo(CsvDownload csv) throws IOException;
    }

    /** One row, a value per column in the header's order; null is an empty cell. */
    public void row(Object... values) {
        if (values.length != columns.size()) {
            throw new IllegalArgumentException("a row of this download has " + columns.size() + " cells, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            cells[i] = cell(columns.get(i).kind(), values[i]);
        }
        try {
            printer.printRecord(cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as written: numbers as they are, text neutralised. */
    static String cell(CsvColumn.Kind kind, Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal decimal ? decimal.toPlainString() : value.toString();
        if (kind == CsvColumn.Kind.NUMBER && (text.isEmpty() || PLAIN_NUMBER.matcher(text).matches())) {
            return text;
        }
        return neutralised(text);
    }

    /** A text that a spreadsheet would take for a formula gets a leading apostrophe, which spreadsheets show as text. */
    static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
