package io.strata.adapters.persistence.imports;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

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

    CopyStream field(String value) {
        separate();
        if (value == null) {
            put((byte) '\\');
            put((byte) 'N');
        } else {
            text(value);
        }
        return this;
    }

    /**
     * A decimal in plain notation. Amounts go out twice per order line, so the usual ones (up to 18 digits) are
     * written digit by digit: {@link BigDecimal#toPlainString()} builds two strings for each.
     */
    CopyStream field(BigDecimal value) {
        if (value == null) {
            return field((String) null);
        }
        int scale = value.scale();
        if (scale < 0 || scale > 17 || value.precision() > 18) {
            return field(value.toPlainString());
        }
        separate();
        decimal(value.unscaledValue().longValue(), scale);
        return this;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** A uuid ({@code 8-4-4-4-12} hex digits) from its two halves, written straight into the buffer. */
    CopyStream field(long high, long low) {
        separate();
        hex(high, 60, 32);
        put((byte) '-');
        hex(high, 28, 16);
        put((byte) '-');
        hex(high, 12, 0);
        put((byte) '-');
        hex(low, 60, 48);
        put((byte) '-');
        hex(low, 44, 0);
        return this;
    }

    /** The hex digits of {@code value} from bit {@code from} down to bit {@code to} (both multiples of 4). */
    private void hex(long value, int from, int to) {
        for (int shift = from; shift >= to; shift -= 4) {
            put(HEX[(int) (value >>> shift) & 0xF]);
        }
    }

    /** Digits written straight into the buffer: keys and line numbers go out for every row. */
    CopyStream field(long value) {
        separate();
        digits(value);
        return this;
    }

    /**
     * An instant as {@code yyyy-mm-ddThh:mm:ss[.fraction]Z}, written without a formatter (every order has one); a
     * year outside 1–9999 goes through {@link Instant#toString()}.
     */
    CopyStream field(Instant value) {
        if (value == null) {
            return field((String) null);
        }
        long seconds = value.getEpochSecond();
        if (seconds < EARLIEST || seconds > LATEST) {
            return field(value.toString());
        }
        separate();
        long days = Math.floorDiv(seconds, 86_400L);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400L);
        LocalDate date = LocalDate.ofEpochDay(days);
        twoDigits(date.getYear() / 100);
        twoDigits(date.getYear() % 100);
        put((byte) '-');
        twoDigits(date.getMonthValue());
        put((byte) '-');
        twoDigits(date.getDayOfMonth());
        put((byte) 'T');
        twoDigits(secondOfDay / 3_600);
        put((byte) ':');
        twoDigits(secondOfDay / 60 % 60);
        put((byte) ':');
        twoDigits(secondOfDay % 60);
        int nanos = value.getNano();
        if (nanos > 0) {
            put((byte) '.');
            for (int unit = 100_000_000; unit > 0 && nanos > 0; unit /= 10) {
                put((byte) ('0' + nanos / unit));
                nanos %= unit;
            }
        }
        put((byte) 'Z');
        return this;
    }

    private static final long EARLIEST = LocalDate.of(1, 1, 1).toEpochDay() * 86_400L;
    private static final long LATEST = LocalDate.of(9999, 12, 31).toEpochDay() * 86_400L + 86_399L;

    private void separate() {
        if (!firstField) {
            put((byte) '\t');
        }
        firstField = false;
    }

    private void twoDigits(int value) {
        put((byte) ('0' + value / 10));
        put((byte) ('0' + value % 10));
    }

    private void digits(long value) {
        decimal(value, 0);
    }

    /** {@code unscaled} × 10<sup>-scale</sup> in plain notation, straight into the buffer (scale 0 to 17). */
    private void decimal(long unscaled, int scale) {
        if (unscaled == Long.MIN_VALUE) {
            text(BigDecimal.valueOf(unscaled, scale).toPlainString());
            return;
        }
        room(21);
        if (unscaled < 0) {
            buffer[used++] = '-';
            unscaled = -unscaled;
        }
        int length = 1;
        for (long rest = unscaled / 10; rest > 0; rest /= 10) {
            length++;
        }
        // at least one digit before the point: 0.05 has unscaled 5 and scale 2
        int integerDigits = Math.max(length - scale, 1);
        int total = integerDigits + (scale > 0 ? 1 + scale : 0);
        int at = used + total - 1;
        for (int place = 0; place < scale; place++) {
            buffer[at--] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        if (scale > 0) {
            buffer[at--] = '.';
        }
        for (int place = 0; place < integerDigits; place++) {
            buffer[at--] = (byte) ('0' + unscaled % 10);
            unscaled /= 10;
        }
        used += total;
    }

    /** Makes room for {@code bytes} more bytes in the buffer, sending what it holds if need be. */
    private void room(int bytes) {
        if (used + bytes > buffer.length) {
            flush();
        }
    }

    private static IllegalStateException failed(SQLException e) {
        return new IllegalStateException("could not stage a row: " + e.getMessage(), e);
    }

    private void text(String text) {
        int length = text.length();
        // the common case, plain ASCII without escapes, is copied in one pass with a single bounds check
        if (length <= 4096) {
            room(length);
            int at = used;
            int i = 0;
            for (; i < length; i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c >= 0x80 || c == '\\') {
                    break;
                }
                buffer[at++] = (byte) c;
            }
            used = at;
            if (i == length) {
                return;
            }
            text = text.substring(i);
            length = text.length();
        }
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

    private void escape(char c) {
        put((byte) '\\');
        put((byte) c);
    }

    private void put(byte b) {
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

    /** Sends the buffer; a failure to send ends the import, so it is not a checked exception at every field. */
    private void flush() {
        if (used > 0) {
            try {
                output.write(buffer, used);
            } catch (SQLException e) {
                throw failed(e);
            }
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
