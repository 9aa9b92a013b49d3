package io.strata.adapters.web.download;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategy;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.io.IOException;
import java.io.OutputStream;
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
 *
 * <p>Written with FastCSV, the one CSV library of Strata (imports are read with it too): RFC 4180, lines end with LF,
 * quoting as {@link #QUOTING} says.
 */
public final class CsvDownload implements DownloadFile {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** What a number column may hold as is: an optional minus, digits, an optional fraction. */
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

    /**
     * A text cell a spreadsheet reads as a plain number at most, whatever its sign: nothing in it can call a function,
     * so it is written as it is (a customer id {@code -12} must come back {@code -12}: the API's CSVs are read by
     * programs that join on it).
     */
    private static final Pattern SIGNED_NUMBER = Pattern.compile("[+-]\\d+(\\.\\d+)?");

    /**
     * Besides the quotes RFC 4180 requires (a comma, a quote, CR or LF in the cell), a cell is quoted when it begins
     * with a character up to {@code #} (a space, a control character, {@code !}, {@code "}, {@code #}) or ends with a
     * space or a control character, and an empty first cell is quoted, so that readers which trim cells, skip
     * {@code #} comment lines or blank lines keep the value. These are the rules downloads followed when they were
     * written with Commons CSV; keeping them keeps every download byte for byte as it was.
     */
    static final QuoteStrategy QUOTING = new QuoteStrategy() {
        @Override
        public boolean quoteEmpty(int line, int field) {
            return field == 0;
        }

        @Override
        public boolean quoteValue(int line, int field, String value) {
            return value.charAt(0) <= '#' || value.charAt(value.length() - 1) <= ' ';
        }
    };

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CsvDownload.class);

    private final List<CsvColumn> columns;
    private final CsvWriter writer;
    private volatile long rows;
    private final String[] cells;

    private CsvDownload(OutputStream out, List<CsvColumn> columns) {
        this.columns = List.copyOf(columns);
        this.cells = new String[columns.size()];
        this.writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).quoteStrategy(QUOTING).bufferSize(64 * 1024)
                .build(out, StandardCharsets.UTF_8);
        writer.writeRecord(this.columns.stream().map(CsvColumn::name).toList());
    }

    /** Writes the header row at once; rows follow with {@link #row}. */
    public static CsvDownload start(OutputStream out, List<CsvColumn> columns) {
        return new CsvDownload(out, columns);
    }

    /**
     * A streamed CSV answer: {@code rows} writes into the download while the client reads. {@code filename} names the
     * attachment, or is null for a plain text/csv answer.
     */
    public static ResponseEntity<StreamingResponseBody> answer(String filename, List<CsvColumn> columns, Rows rows) {
        return streamed(filename, TEXT_CSV, out -> start(out, columns), rows::writeTo);
    }

    /**
     * A streamed download of any format (CSV here, the deliveries' NDJSON): {@code open} begins the file on the client's
     * stream, {@code fill} writes its rows while the client reads, within what the application gives to read them (a
     * read-only transaction: streamed by cursor), under the time limit, cut midway without the file's end when its source
     * fails, and in the slot {@link DownloadSlots} took for it, given back when the body ends, whichever way.
     */
    public static <F extends DownloadFile> ResponseEntity<StreamingResponseBody> streamed(String filename, MediaType type, Opening<F> open,
                                                                                 Filling<F> fill) {
        String download = named(filename);
        DownloadReads reads = ofThisRequest(DownloadReads.class, DownloadReads.AS_THEY_COME);
        Progress progress = new Progress(download, ofThisRequest(TimeLimitCut.class, null));
        DownloadSlots.Slot slot = null;
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() instanceof
                org.springframework.web.context.request.ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(Progress.ATTRIBUTE, progress);
            slot = DownloadSlots.of(attributes.getRequest());
        }
        DownloadSlots.Slot taken = slot;
        StreamingResponseBody body = out -> {
            if (taken != null) {
                taken.bodyStarts();
            }
            try {
                Sent sent = new Sent(out, progress);
                F file = open.open(sent);
                progress.file = file;
                try {
                    // the rows are read within what the application gives (a read-only transaction: streamed by cursor), and a
                    // failure to begin it is answered as one of the rows' source before the first byte
                    reads.within(() -> fill.fill(file));
                } catch (RuntimeException | IOException failure) {
                    if (sent.clientGone || sent.bytes == 0) {
                        // the client went away (nothing to tell it), or nothing has gone out yet: the failure is answered as
                        // any other, the unsent header and rows left unwritten so that the answer can still be an error in words
                        throw failure;
                    }
                    throw cut(download, file.rows(), failure);
                }
                file.close();
            } finally {
                // the rows' transaction has ended (its connection is back in the pool): the next download may begin
                if (taken != null) {
                    taken.release();
                }
            }
        };
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(type);
        if (filename != null) {
            answer.header("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        }
        return answer.body(body);
    }

    /** Begins a download's file on the client's stream (a CSV's header goes into its buffer). */
    @FunctionalInterface
    public interface Opening<F extends DownloadFile> {
        F open(OutputStream out) throws IOException;
    }

    /** Writes a download's rows into its file. */
    @FunctionalInterface
    public interface Filling<F extends DownloadFile> {
        void fill(F file) throws IOException;
    }

    /**
     * The rows' source failed (the database above all: a session ended, a statement cancelled, the server stopped) after
     * part of the file went out with its 200. The file must not end as a whole one would: with chunked encoding its end
     * is the last chunk, and a client given it would take the rows so far for the whole file. Thrown on, the failure
     * reaches the servlet container with the answer committed, and Tomcat closes the connection at once without the last
     * chunk (its {@code ErrorReportValve}: an error on a committed answer is a {@code CLOSE_NOW}), so the client's HTTP
     * library reports the download failed ("transfer closed with outstanding read data remaining"). The log says once,
     * in words, which download was cut after how many rows and why; the exception carried on has no trace and no cause,
     * so that the container's own line about it is two lines, not a trace (docs/architecture.md, "A download cut midway").
     */
    static DownloadCut cut(String download, long rows, Throwable failure) {
        log.warn("The download {} was cut after {} rows: {}. Its connection is closed without the file's end, so the client "
                + "sees an incomplete download and can download it again.", download, String.format("%,d", rows), why(failure));
        return new DownloadCut("a download cut midway: Strata's warning before this line says which and why");
    }

    /**
     * What failed, in the failure's own words: its innermost message's first line, said to be the database's when Spring
     * translated it as a data access failure or JDBC raised it (known by the class's name: a controller's package knows
     * no JDBC, HexagonalArchitectureTest).
     */
    static String why(Throwable failure) {
        if (failure instanceof TimeLimitCut.DownloadTooLong tooLong) {
            return tooLong.getMessage();
        }
        Throwable innermost = failure;
        boolean database = false;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            innermost = cause;
            // by name: this module has neither Spring's data access classes nor may it use JDBC's (HexagonalArchitectureTest)
            database |= cause.getClass().getName().startsWith("org.springframework.dao.") || cause.getClass().getName().startsWith("java.sql.");
        }
        String message = innermost.getMessage() == null ? innermost.getClass().getSimpleName() : innermost.getMessage().lines().findFirst().orElse("");
        return database ? "the database failed while its rows were read (" + message + ")" : "its rows could not be read (" + message + ")";
    }

    /**
     * A download as the request knows it while its rows are written on another thread: its name and its rows so far,
     * for {@link TimeLimitCut}, which cuts it when it takes longer than the time limit.
     */
    static final class Progress {
        static final String ATTRIBUTE = Progress.class.getName();
        final String download;
        final TimeLimitCut limit;
        private final long deadline;
        volatile DownloadFile file;
        volatile boolean timedOut;

        Progress(String download, TimeLimitCut limit) {
            this.download = download;
            this.limit = limit;
            this.deadline = limit == null ? 0 : System.nanoTime() + limit.limit().toNanos();
        }

        /** The time limit ran out: by the clock when the rows are written, or by MVC's own timeout when they wait. */
        boolean expired() {
            return limit != null && (timedOut || System.nanoTime() - deadline > 0);
        }

        long rows() {
            DownloadFile written = file;
            return written == null ? 0 : written.rows();
        }
    }

    /** The one bean of {@code kind} of the application that answers this request, or {@code otherwise} outside one. */
    private static <T> T ofThisRequest(Class<T> kind, T otherwise) {
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes) {
            org.springframework.web.context.WebApplicationContext context =
                    org.springframework.web.servlet.support.RequestContextUtils.findWebApplicationContext(attributes.getRequest());
            if (context != null) {
                return context.getBeanProvider(kind).getIfAvailable(() -> otherwise);
            }
        }
        return otherwise;
    }

    /** The download as the log names it: its file and the request that asked for it. */
    private static String named(String filename) {
        String request = null;
        if (org.springframework.web.context.request.RequestContextHolder.getRequestAttributes()
                instanceof org.springframework.web.context.request.ServletRequestAttributes attributes) {
            request = attributes.getRequest().getMethod() + " " + attributes.getRequest().getRequestURI();
        }
        if (filename == null) {
            return request == null ? "(a CSV answer)" : request;
        }
        return request == null ? filename : filename + " (" + request + ")";
    }

    /** A download cut by a failure of its rows' source after part of it went out; already logged in words. */
    public static final class DownloadCut extends RuntimeException {
        DownloadCut(String message) {
            super(message, null, false, false);
        }
    }

    /** The client's end of a download: how many bytes went out, and whether writing to the client failed. */
    private static final class Sent extends java.io.FilterOutputStream {
        private final Progress progress;
        long bytes;
        boolean clientGone;

        Sent(OutputStream out, Progress progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (bytes > 0 && progress.expired()) {
                // past the time limit, once part of the file went out: cut as a failure of the rows' source (no file's end)
                throw progress.limit.tooLong();
            }
            try {
                out.write(b, off, len);
                bytes += len;
            } catch (IOException gone) {
                clientGone = true;
                throw gone;
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException gone) {
                clientGone = true;
                throw gone;
            }
        }
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
        writer.writeRecord(cells);
        rows++;
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

    /**
     * A text that a spreadsheet would take for a formula gets a leading apostrophe, which spreadsheets show as text;
     * a signed plain number ({@code -12}, {@code +33100000001}) is no formula and stays as it is.
     */
    static String neutralised(String text) {
        if (text.isEmpty() || SIGNED_NUMBER.matcher(text).matches()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
