package io.strata.adapters.persistence.imports;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows written in COPY text format straight into an open {@code COPY ... FROM STDIN}: each field is escaped and
 * encoded as UTF-8 directly into a 1 MiB buffer that goes out whole (COPY data need not end at a row), so a file
 * of millions of rows streams through with constant memory and no per-row strings.
 */
final class CopyStream implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    private final CopyIn copyIn;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    private boolean firstField = true;
    private boolean ended;

    CopyStream(Connection connection, String copySql) throws SQLException {
        this.copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
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
    }

    private void flush() throws SQLException {
        if (used > 0) {
            copyIn.writeToCopy(buffer, 0, used);
            used = 0;
        }
    }

    /** Ends the COPY; the staged rows are then visible to the transaction. */
    long finish() throws SQLException {
        if (ended) {
            return copyIn.getHandledRowCount();
        }
        flush();
        ended = true;
        return copyIn.endCopy();
    }

    @Override
    public void close() {
        if (!ended && copyIn.isActive()) {
            try {
                copyIn.cancelCopy();
            } catch (SQLException ignored) {
                // the transaction is rolled back anyway
            }
        }
    }
}
