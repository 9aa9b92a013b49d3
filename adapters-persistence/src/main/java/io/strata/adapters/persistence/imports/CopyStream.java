package io.strata.adapters.persistence.imports;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Rows written in COPY text format straight into an open {@code COPY ... FROM STDIN}, in 256 KiB chunks, so a
 * file of millions of rows streams through with constant memory.
 */
final class CopyStream implements AutoCloseable {

    private static final int CHUNK = 256 * 1024;

    private final CopyIn copyIn;
    private final StringBuilder row = new StringBuilder(512);
    private byte[] buffer = new byte[CHUNK];
    private int used;
    private boolean firstField = true;
    private boolean ended;

    CopyStream(Connection connection, String copySql) throws SQLException {
        this.copyIn = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    }

    CopyStream field(Object value) {
        if (!firstField) {
            row.append('\t');
        }
        firstField = false;
        if (value == null) {
            row.append("\\N");
            return this;
        }
        String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> row.append("\\\\");
                case '\t' -> row.append("\\t");
                case '\n' -> row.append("\\n");
                case '\r' -> row.append("\\r");
                default -> row.append(c);
            }
        }
        return this;
    }

    void endRow() throws SQLException {
        row.append('\n');
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        row.setLength(0);
        firstField = true;
        if (used + bytes.length > buffer.length) {
            flush();
            if (bytes.length > buffer.length) {
                buffer = new byte[bytes.length];
            }
        }
        System.arraycopy(bytes, 0, buffer, used, bytes.length);
        used += bytes.length;
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
