package io.strata.adapters.web.imports;

import io.strata.application.imports.UnreadableInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;

/**
 * A request body as strict text in its charset: UTF-8 unless the Content-Type declares another (session 52: a
 * {@code charset=ISO-8859-1} was read as UTF-8, so an é arrived as garbage or was refused as "not UTF-8"). In UTF-8 a
 * leading BOM is skipped; bytes that are not text in the charset are an error. Unlike
 * {@link java.io.InputStreamReader}, the text before a bad byte is delivered first and the error comes with the
 * next read, so the reader of the text knows on which line the bad byte is.
 */
final class TextBody extends Reader {

    private final InputStream in;
    private final Charset charset;
    private final boolean chosen;
    private final CharsetDecoder decoder;
    private final ByteBuffer bytes = ByteBuffer.allocate(64 * 1024).flip();
    private boolean eof;
    private CharacterCodingException pending;

    private TextBody(InputStream in, Charset charset, boolean chosen) {
        this.in = in;
        this.charset = charset;
        this.chosen = chosen;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** The body as UTF-8, the contract's default. */
    static Reader reader(InputStream body) {
        return reader(body, StandardCharsets.UTF_8);
    }

    static Reader reader(InputStream body, Charset charset) {
        return reader(body, charset, false);
    }

    /** {@code chosen}: the charset was chosen on the console's form rather than declared by a Content-Type, and the errors say so. */
    static Reader reader(InputStream body, Charset charset, boolean chosen) {
        if (!charset.equals(StandardCharsets.UTF_8)) {
            // other charsets' decoders handle their own byte order marks (UTF-16); single-byte ones have none
            return new TextBody(body, charset, chosen);
        }
        try {
            PushbackInputStream in = new PushbackInputStream(body, 3);
            byte[] head = in.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            if (!bom && head.length > 0) {
                in.unread(head);
            }
            return new TextBody(in, charset, chosen);
        } catch (IOException e) {
            throw new UnreadableInput(1, null, cutOffAt(1));
        }
    }

    /**
     * The body stopped arriving before its end: the connection broke, the sender was stopped (a killed {@code curl}, a
     * closed laptop) or went silent past the server's wait. The transport's own message ({@code EOFException} with none,
     * "java.io.EOFException", a socket's) was passed on before, or the CSV reader's "null" with advice on quoting
     * (session 56's probe).
     */
    static final class CutOff extends IOException {
        CutOff(IOException cause) {
            super("the body stopped arriving", cause);
        }
    }

    /** Whether {@code e} is, or was caused by, the body stopping before its end ({@link CutOff}). */
    static boolean cutOff(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CutOff) {
                return true;
            }
        }
        return false;
    }

    /** What to say of a body that stopped arriving at {@code line}: what happened, what was kept, what to do. */
    static String cutOffAt(long line) {
        return "the body stopped arriving at line " + line + ", before its end: the connection broke, or the sender stopped sending"
                + " or went silent, so nothing of it was written; send the whole file again";
    }

    /**
     * The same, knowing why it stopped ({@code e}): when this node was stopping ({@link ServerStopping.Stopped}), Strata's
     * stop closed the connection, and the words say so rather than blame the connection or the sender.
     */
    static String cutOffAt(long line, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ServerStopping.Stopped) {
                return "the body stopped arriving at line " + line + ", before its end, because Strata was stopped (a restart or a"
                        + " deploy) while the file was arriving, so nothing of it was written; send the whole file again once Strata is"
                        + " back";
            }
        }
        return cutOffAt(line);
    }

    /**
     * What to say of bytes that are not text in the body's charset ("bytes that are not UTF-8; save the file as
     * UTF-8 and send it again"), or null when {@code e} is no such error.
     */
    static String badBytes(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof NotInCharset bad) {
                if (bad.chosen && !bad.charset.equals(StandardCharsets.UTF_8)) {
                    return "bytes that are not " + bad.charset.name() + ", the charset chosen for the file; save the file as UTF-8"
                            + " (or choose the charset it is written in) and send it again";
                }
                return bad.charset.equals(StandardCharsets.UTF_8)
                        ? "bytes that are not UTF-8; save the file as UTF-8 and send it again"
                        : "bytes that are not " + bad.charset.name() + ", the charset its Content-Type declares; save the file as UTF-8"
                        + " (or declare the charset it is written in) and send it again";
            }
            if (t instanceof CharacterCodingException) {
                return "bytes that are not UTF-8; save the file as UTF-8 and send it again";
            }
        }
        return null;
    }

    /** Bytes that are not text in {@link #charset}; the message is the decoder's, the callers say it in words. */
    static final class NotInCharset extends MalformedInputException {
        private final transient Charset charset;
        private final boolean chosen;

        NotInCharset(int length, Charset charset, boolean chosen) {
            super(length);
            this.charset = charset;
            this.chosen = chosen;
        }
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
                CharacterCodingException error = new NotInCharset(result.length(), charset, chosen);
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
            int n;
            try {
                n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            } catch (IOException e) {
                throw new CutOff(e);
            }
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
