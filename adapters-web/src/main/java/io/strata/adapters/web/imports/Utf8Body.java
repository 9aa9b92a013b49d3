package io.strata.adapters.web.imports;

import io.strata.application.imports.UnreadableInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * A request body as strict UTF-8 text: a leading BOM is skipped, bytes that are not UTF-8 are an error. Unlike
 * {@link java.io.InputStreamReader}, the text before a bad byte is delivered first and the error comes with the
 * next read, so the reader of the text knows on which line the bad byte is.
 */
final class Utf8Body extends Reader {

    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private boolean eof;
    private CharacterCodingException pending;

    private Utf8Body(InputStream in) {
        this.in = in;
    }

    static Reader reader(InputStream body) {
        try {
            PushbackInputStream in = new PushbackInputStream(body, 3);
            byte[] head = in.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            if (!bom && head.length > 0) {
                in.unread(head);
            }
            return new Utf8Body(in);
        } catch (IOException e) {
            throw new UnreadableInput(1, null, "the body could not be read: " + e.getMessage());
        }
    }

    static boolean isEncodingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CharacterCodingException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (pending != null) {
            throw pending;
        }
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            int decoded = out.position() - offset;
            if (result.isError()) {
                CharacterCodingException error = new MalformedInputException(result.length());
                if (decoded > 0) {
                    pending = error;
                    return decoded;
                }
                throw error;
            }
            if (result.isOverflow() || decoded > 0) {
                return decoded;
            }
            if (eof) {
                return -1;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                eof = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
