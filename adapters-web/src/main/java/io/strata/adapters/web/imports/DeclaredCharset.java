package io.strata.adapters.web.imports;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;

/**
 * The charset a Content-Type declares for an import's body ({@code text/csv; charset=ISO-8859-1}): Java's charset of
 * that name, UTF-8 when none is declared. A name Java does not know is refused before anything is read or written.
 */
public final class DeclaredCharset {

    /** What the refusals name as accepted. */
    static final String ACCEPTED = "send the file as UTF-8 (no charset, or charset=UTF-8), or declare a charset Java knows,"
            + " such as ISO-8859-1 or windows-1252";

    private DeclaredCharset() {
    }

    /** The charset of {@code contentType}; throws {@link UnknownCharset} for a name Java does not know. */
    public static Charset of(String contentType) {
        String name = parameter(contentType);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnknownCharset(name, contentType);
        }
    }

    /** {@code contentType} without its charset parameter, so that a charset Java does not know leaves the type readable. */
    static String withoutCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        StringBuilder kept = new StringBuilder();
        for (String part : contentType.split(";")) {
            if (kept.length() > 0 && isCharset(part)) {
                continue;
            }
            kept.append(kept.length() > 0 ? ";" : "").append(part);
        }
        return kept.toString();
    }

    private static String parameter(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            if (isCharset(parts[i])) {
                String value = parts[i].substring(parts[i].indexOf('=') + 1).strip();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return null;
    }

    private static boolean isCharset(String parameter) {
        int equals = parameter.indexOf('=');
        return equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase("charset");
    }

    /** A charset name Java does not know (or an empty or malformed one). */
    public static final class UnknownCharset extends RuntimeException {

        UnknownCharset(String name, String contentType) {
            super("The charset '" + io.strata.application.imports.Excerpt.of(name, 100) + "' that the Content-Type declares is not one Strata can read; "
                    + ACCEPTED + ". Nothing was imported.");
        }
    }
}
