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

    /**
     * The charsets the console's upload form offers (a browser declares none for a file part), by name with what a
     * person knows them as; UTF-8 first, the default. The form may name any other that Java knows, as the API may.
     */
    public static final java.util.Map<String, String> OFFERED = offered();

    private static java.util.Map<String, String> offered() {
        java.util.Map<String, String> offered = new java.util.LinkedHashMap<>();
        offered.put("UTF-8", "UTF-8 (the default; also plain ASCII)");
        offered.put("ISO-8859-1", "ISO-8859-1 (Latin-1, Western European)");
        offered.put("windows-1252", "windows-1252 (Western European, as Excel on Windows saves CSV)");
        offered.put("ISO-8859-15", "ISO-8859-15 (Latin-9, Western European with the euro sign)");
        offered.put("windows-1250", "windows-1250 (Central European)");
        offered.put("ISO-8859-2", "ISO-8859-2 (Latin-2, Central European)");
        offered.put("windows-1251", "windows-1251 (Cyrillic)");
        offered.put("UTF-16", "UTF-16 (with its byte order mark)");
        return java.util.Collections.unmodifiableMap(offered);
    }

    private DeclaredCharset() {
    }

    /** The charset chosen on the console's upload form; throws {@link UnknownCharset} for a name Java does not know. */
    public static Charset chosen(String name) {
        try {
            return Charset.forName(name.strip());
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnknownCharset(name);
        }
    }

    /** Whether {@code contentType} declares a charset at all. */
    public static boolean declares(String contentType) {
        return parameter(contentType) != null;
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

        /** Chosen on the upload form (only a forged form names one Java does not know). */
        UnknownCharset(String name) {
            super("The charset '" + io.strata.application.imports.Excerpt.of(name, 100) + "' chosen for the file is not one Strata can read;"
                    + " choose UTF-8, or another charset of the list, such as ISO-8859-1 or windows-1252. Nothing was imported.");
        }
    }
}
