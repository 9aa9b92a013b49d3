package io.strata.domain.text;

import java.util.Optional;

/**
 * Text a person writes into Strata (names, goals, objectives, hypotheses, message content, reasons) holds no control
 * characters but tab and line breaks: NUL cannot be stored in PostgreSQL text at all, and the others (escape, bell,
 * backspace) only ever arrive by mistake or to garble a screen or a log. Nor does it hold half a character (a JSON
 * escape of U+D800 without its other half): that is no text, and PostgreSQL would store a '?' instead.
 */
public final class PlainText {

    private PlainText() {
    }

    /** A refused value is quoted back at most this long, so a megabyte sent is not a megabyte answered. */
    public static final int ECHO = 80;

    /** The text as a message quotes it: whole up to {@link #ECHO} characters, else its start and "…" (never half a pair). */
    public static String echo(String text) {
        return cut(text, ECHO);
    }

    /**
     * The number of characters of a text: Unicode characters (code points), as people, the outside contract and
     * PostgreSQL's {@code char_length} and {@code varchar(n)} count them. "😀" is one, though Java holds it in two
     * chars; {@code String.length()} would count it twice and refuse 200 emoji as 400 characters (session 60). Every
     * bound given in characters is measured here.
     */
    public static int characters(String text) {
        return text.codePointCount(0, text.length());
    }

    /** Whether {@code text} has more than {@code max} {@link #characters characters}. */
    public static boolean longerThan(String text, int max) {
        // a text of at most max chars has at most max characters; of more than 2 * max chars, more than max
        return text.length() > max && (text.length() > 2 * (long) max || characters(text) > max);
    }

    /**
     * Why {@code text} is too long for {@code field}, or empty when it has at most {@code max} {@link #characters characters}
     * (null has none): "the name has 201 characters; at most 200 are allowed", the field, the length given and the limit, as
     * every bounded text of Strata words it.
     */
    public static Optional<String> tooLong(String field, String text, int max) {
        if (text == null || !longerThan(text, max)) {
            return Optional.empty();
        }
        return Optional.of(field + " has " + characters(text) + " characters; at most " + max + " are allowed");
    }

    /** The text whole up to {@code max} characters, else its first {@code max} characters and "…": a pair is never cut. */
    public static String cut(String text, int max) {
        if (text == null || !longerThan(text, max)) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, max)) + "…";
    }

    /** Why {@code text} cannot be stored as {@code field}, or empty when it can (null and empty texts can). */
    public static Optional<String> refusal(String field, String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return Optional.of(field + " holds the control character " + String.format("U+%04X", (int) c) + " at character " + characterAt(text, i)
                        + "; remove it (text may hold tabs and line breaks, but no other control characters)");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return Optional.of(field + " holds " + String.format("U+%04X", (int) c) + " at character " + characterAt(text, i)
                        + ", half of a character whose other half is missing (a JSON escape such as \\" + String.format("u%04x", (int) c)
                        + " alone); remove it, or write the whole character");
            }
        }
        return Optional.empty();
    }

    /** The position of the UTF-16 unit at {@code index}, counted in characters (code points) from 1, as the bounds count. */
    private static int characterAt(String text, int index) {
        return text.codePointCount(0, index) + 1;
    }
}
