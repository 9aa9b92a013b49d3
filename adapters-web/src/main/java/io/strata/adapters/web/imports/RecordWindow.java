package io.strata.adapters.web.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * The text a CSV parser reads, kept from the start of the last record it returned: when the parser then fails,
 * the broken record can be re-read to name its line and column. The parser names records by the physical line they
 * start on, so the window finds that line by counting line breaks (CR, LF or CRLF, as the parser counts them) over
 * the text it keeps, each character once. A record longer than {@link #MAX_RECORD_CHARS} stops the body, so an
 * unclosed quote cannot pull a whole file into memory.
 */
final class RecordWindow extends Reader {

    static final int MAX_RECORD_CHARS = 1 << 20;
    private static final int COMPACT_AT = 1 << 16;

    private final Reader in;
    private char[] window = new char[COMPACT_AT * 4];
    private int kept;
    /** Offset in the body of the first character kept; it starts a line. */
    private long windowStart;
    /** Where the last record returned starts, as an offset in the body. */
    private long recordStart;
    /** How far line breaks have been counted: the offset of the start of line {@link #countedLine}. */
    private long countedTo;
    private long countedLine = 1;
    private long read;

    RecordWindow(Reader in) {
        this.in = in;
    }

    /** The parser has returned a record starting on this line; text before that line is no longer needed. */
    void recordStartsOnLine(long line) {
        char[] text = window;
        int i = (int) (countedTo - windowStart);
        int end = kept;
        long counted = countedLine;
        while (counted < line && i < end) {
            char c = text[i++];
            if (c == '\n' || c == '\r') {
                if (c == '\r' && i < end && text[i] == '\n') {
                    i++;
                } else if (c == '\r' && i == end) {
                    // the LF of a CRLF may not be read yet: count this break when it is
                    i--;
                    break;
                }
                counted++;
                countedTo = windowStart + i;
            }
        }
        countedLine = counted;
        recordStart = counted == line ? countedTo : windowStart + i;
    }

    /** The text from the start of the last record returned to the last character read. */
    CharSequence sinceRecordStart() {
        int from = (int) (recordStart - windowStart);
        return new String(window, from, kept - from);
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            int needless = (int) (recordStart - windowStart);
            if (needless > COMPACT_AT) {
                System.arraycopy(window, needless, window, 0, kept - needless);
                kept -= needless;
                windowStart = recordStart;
            }
            if (kept + n > window.length) {
                window = java.util.Arrays.copyOf(window, Math.max(window.length * 2, kept + n));
            }
            System.arraycopy(buffer, offset, window, kept, n);
            kept += n;
            read += n;
            if (read - recordStart > MAX_RECORD_CHARS + COMPACT_AT) {
                throw new RecordTooLong();
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static final class RecordTooLong extends IOException {
        RecordTooLong() {
            super("a record is longer than " + MAX_RECORD_CHARS + " characters");
        }
    }
}
