package io.strata.adapters.web.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * The text a CSV parser reads, kept from the start of the last record it returned: when the parser then fails,
 * the broken record can be re-read to name its line and column. A record longer than {@link #MAX_RECORD_CHARS}
 * stops the body, so an unclosed quote cannot pull a whole file into memory.
 */
final class RecordWindow extends Reader {

    static final int MAX_RECORD_CHARS = 1 << 20;
    private static final int COMPACT_AT = 1 << 16;

    private final Reader in;
    private final StringBuilder window = new StringBuilder(COMPACT_AT * 2);
    private long windowStart;
    private long recordStart;
    private long read;

    RecordWindow(Reader in) {
        this.in = in;
    }

    /** The parser has returned a record starting at this character offset; text before it is no longer needed. */
    void recordStartsAt(long offset) {
        recordStart = offset;
    }

    /** The text from the start of the last record returned to the last character read. */
    CharSequence sinceRecordStart() {
        return window.subSequence((int) (recordStart - windowStart), window.length());
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            if (recordStart - windowStart > COMPACT_AT) {
                window.delete(0, (int) (recordStart - windowStart));
                windowStart = recordStart;
            }
            window.append(buffer, offset, n);
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
