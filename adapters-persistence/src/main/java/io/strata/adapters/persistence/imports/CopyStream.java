package io.strata.adapters.persistence.imports;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows written in COPY text format straight into an open {@code COPY ... FROM STDIN} (or into a spool file that is
 * copied later): each field is escaped and encoded as UTF-8 directly into a 1 MiB buffer that goes out whole (COPY
 * data need not end at a row), so a file of millions of rows streams through with constant memory and no per-row
 * strings.
 */
final class CopyStream implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    /** Where the encoded bytes go. */
    private interface Output {
        void write(byte[] bytes, int length) throws SQLException;

        long finish() throws SQLException;

        void cancel();
    }

    private final Output output;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    private boolean firstField = true;
    private boolean ended;
    private long rows;

    CopyStream(Connection connection, String copySql) throws SQLException {
        CopyIn copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        this.output = new Output() {
            @Override
            public void write(byte[] bytes, int length) throws SQLException {
                copyIn.writeToCopy(bytes, 0, length);
            }

            @Override
            public long finish() throws SQLException {
                return copyIn.endCopy();
            }

            @Override
            public void cancel() {
                if (copyIn.isActive()) {
                    try {
                        copyIn.cancelCopy();
                    } catch (SQLException ignored) {
                        // the transaction is rolled back anyway
                    }
                }
            }
        };
    }

    /** Encodes into {@code out} (a spool file), which {@link #finish()} flushes but does not close. */
    CopyStream(OutputStream out) {
        this.output = new Output() {
            @Override
            public void write(byte[] bytes, int length) throws SQLException {
                try {
                    out.write(bytes, 0, length);
                } catch (IOException e) {
                    throw new SQLException("could not write the spool file: " + e.getMessage(), e);
                }
            }

            @Override
            public long finish() throws SQLException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new SQLException("could not write the spool file: " + e.getMessage(), e);
                }
                return rows;
            }

            @Override
            public void cancel() {
                // the owner deletes the file
            }
        };
    }

    CopyStream field(Object value) {
        try {
            if (!firstField) {
                put((byte) '\t');
            }
            firstField = false;
            if (value == null) {
                put((byte) '\\');
                put((byte) 'N');
            } else if (value instanceof String text) {
                text(text);
            } else if (value instanceof BigDecimal number) {
                text(number.toPlainString());
            } else {
                text(value.toString());
            }
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("could not stage a row: " + e.getMessage(), e);
        }
    }

    private void text(String text) throws SQLException {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '\\') {
                put((byte) c);
            } else if (c < 0x80) {
                switch (c) {
                    case '\\' -> escape('\\');
                    case '\t' -> escape('t');
                    case '\n' -> escape('n');
                    case '\r' -> escape('r');
                    default -> put((byte) c);
                }
            } else if (c < 0x800) {
                put((byte) (0xC0 | (c >> 6)));
                put((byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                int code = Character.toCodePoint(c, text.charAt(++i));
                put((byte) (0xF0 | (code >> 18)));
                put((byte) (0x80 | ((code >> 12) & 0x3F)));
                put((byte) (0x80 | ((code >> 6) & 0x3F)));
                put((byte) (0x80 | (code & 0x3F)));
            } else {
                char valid = Character.isSurrogate(c) ? '\uFFFD' : c;
                put((byte) (0xE0 | (valid >> 12)));
                put((byte) (0x80 | ((valid >> 6) & 0x3F)));
                put((byte) (0x80 | (valid & 0x3F)));
            }
        }
    }

    private void escape(char c) throws SQLException {
        put((byte) '\\');
        put((byte) c);
    }

    private void put(byte b) throws SQLException {
        if (used == buffer.length) {
            flush();
        }
        buffer[used++] = b;
    }

    void endRow() throws SQLException {
        put((byte) '\n');
        firstField = true;
        rows++;
    }

    private void flush() throws SQLException {
        if (used > 0) {
            output.write(buffer, used);
            used = 0;
        }
    }

    /** Ends the COPY; the staged rows are then visible to the transaction. Returns the number of rows. */
    long finish() throws SQLException {
        if (ended) {
            return rows;
        }
        flush();
        ended = true;
        output.finish();
        return rows;
    }

    @Override
    public void close() {
        if (!ended) {
            output.cancel();
        }
    }
}
