package io.strata.adapters.web.imports;

import io.strata.application.imports.UnreadableInput;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** A request body as strict UTF-8 text: a leading BOM is skipped, bytes that are not UTF-8 are an error. */
final class Utf8Body {

    private Utf8Body() {
    }

    static Reader reader(InputStream body) {
        try {
            PushbackInputStream in = new PushbackInputStream(body, 3);
            byte[] head = in.readNBytes(3);
            boolean bom = head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
            if (!bom && head.length > 0) {
                in.unread(head);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT));
        } catch (IOException e) {
            throw new UnreadableInput(1, null, "the body could not be read: " + e.getMessage());
        }
    }

    static boolean isEncodingError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.nio.charset.CharacterCodingException) {
                return true;
            }
        }
        return false;
    }
}
