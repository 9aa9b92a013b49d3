package io.strata.adapters.persistence.prediction;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The rows of a {@code copy (…) to stdout (format binary)} read straight from its bytes (PostgreSQL's binary COPY format:
 * a signature and header, then per row a 16-bit field count and each field as a 32-bit length, −1 for null, and its
 * value in network order; a count of −1 ends). What the buyers' one scan reads a million rows through: the driver keeps
 * each row as one array of bytes instead of an array per field, and nothing is converted but by a shift or a
 * {@link Double#longBitsToDouble} (a float8 travels as its 8 bytes: the same double the result set gave).
 */
final class CopyRows {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};

    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;

    /** Reads the header; {@code in} is the COPY's output, from its first byte. */
    CopyRows(InputStream in) throws IOException {
        this.in = in;
        fill(SIGNATURE.length + 8);
        if (!Arrays.equals(buffer, 0, SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            throw new IOException("not PostgreSQL's binary COPY format");
        }
        position = SIGNATURE.length;
        readInt(); // flags: no OIDs in a COPY of a query
        int extension = readInt();
        fill(extension);
        position += extension;
    }

    /** Starts the next row: whether there is one; it must have {@code fields} fields. */
    boolean next(int fields) throws IOException {
        fill(2);
        int count = (short) ((buffer[position] & 0xff) << 8 | buffer[position + 1] & 0xff);
        position += 2;
        if (count == -1) {
            return false;
        }
        if (count != fields) {
            throw new IOException("a row of " + count + " fields, not " + fields);
        }
        return true;
    }

    /**
     * After the last row ({@link #next} false): reads the COPY to its end, so that the driver has seen it complete (a
     * COPY closed while still active is cancelled).
     */
    void end() throws IOException {
        if (position < limit || in.read() >= 0) {
            throw new IOException("bytes after the end of the COPY's rows");
        }
    }

    /** The next field as an int4 (null not allowed). */
    int int4() throws IOException {
        length(4);
        return readInt();
    }

    /** The next field as an int8 (null not allowed). */
    long int8() throws IOException {
        length(8);
        return readLong();
    }

    /** The next field as a float8 (null not allowed). */
    double float8() throws IOException {
        length(8);
        return Double.longBitsToDouble(readLong());
    }

    /** Skips the next field, null or not. */
    void skip() throws IOException {
        int length = readInt();
        if (length > 0) {
            fill(length);
            position += length;
        }
    }

    private void length(int expected) throws IOException {
        int length = readInt();
        if (length != expected) {
            throw new IOException(length == -1 ? "an unexpected null" : "a field of " + length + " bytes, not " + expected);
        }
    }

    private int readInt() throws IOException {
        fill(4);
        byte[] b = buffer;
        int p = position;
        position = p + 4;
        return (b[p] & 0xff) << 24 | (b[p + 1] & 0xff) << 16 | (b[p + 2] & 0xff) << 8 | b[p + 3] & 0xff;
    }

    private long readLong() throws IOException {
        fill(8);
        byte[] b = buffer;
        int p = position;
        position = p + 8;
        return ((long) b[p] & 0xff) << 56 | ((long) b[p + 1] & 0xff) << 48 | ((long) b[p + 2] & 0xff) << 40 | ((long) b[p + 3] & 0xff) << 32
                | ((long) b[p + 4] & 0xff) << 24 | (b[p + 5] & 0xff) << 16 | (b[p + 6] & 0xff) << 8 | b[p + 7] & 0xff;
    }

    /** At least {@code bytes} unread bytes in the buffer (a field longer than the buffer is never read here). */
    private void fill(int bytes) throws IOException {
        if (limit - position >= bytes) {
            return;
        }
        if (bytes > buffer.length) {
            throw new IOException("a field of " + bytes + " bytes");
        }
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
        while (limit < bytes) {
            int read = in.read(buffer, limit, buffer.length - limit);
            if (read < 0) {
                throw new EOFException("the COPY ended within a row");
            }
            limit += read;
        }
    }
}
