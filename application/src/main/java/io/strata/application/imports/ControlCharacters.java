package io.strata.application.imports;

/**
 * The control characters imported text may not hold. Values keep tab, line feed and carriage return (a quoted CSV
 * cell or a JSON string may hold line breaks); every other C0 control (U+0000–U+001F) is refused, NUL above all,
 * which PostgreSQL text cannot store. Names (columns, JSON keys) may hold no line break either
 * (a tab is let through so that a header split on tabs gets its own hint). Half a character is refused too: a JSON
 * escape of U+D800 without its other half is no text, and PostgreSQL would get a '?' in its place (two
 * ids that differ only there became one, and the import's merge then failed on the unique index). Checked by a
 * plain scan, since it runs over every cell of millions of rows.
 */
public final class ControlCharacters {

    private ControlCharacters() {
    }

    /** The index of the first character a value may not hold, or -1. */
    public static int firstRefusedInValue(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (Character.isSurrogate(c)) {
                if (!pairAt(text, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    /** The index of the first character a name may not hold (a control character other than tab, half a character), or -1. */
    public static int firstRefusedInName(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t') {
                    return i;
                }
            } else if (Character.isSurrogate(c)) {
                if (!pairAt(text, i)) {
                    return i;
                }
                i++;
            }
        }
        return -1;
    }

    private static boolean pairAt(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }

    /**
     * What a message says of the refused character at {@code at} (an index in UTF-16 units) and where it is: "the
     * control character U+0001 at character 3", or, for half a character, what it is and how it came. The position
     * counts characters (code points), as every other message of the product does: in "😀😀" followed by NUL, the NUL
     * is at character 3, not 5.
     */
    public static String refused(String text, int at) {
        char c = text.charAt(at);
        int character = text.codePointCount(0, at) + 1;
        return Character.isSurrogate(c)
                ? code(c) + " at character " + character + ", half of a character whose other half is missing (a JSON escape such as \\"
                  + String.format("u%04x", (int) c) + " alone), which is no text"
                : "the control character " + code(c) + " at character " + character;
    }

    /** {@code U+0000}: how a message names a control character. */
    public static String code(char c) {
        return String.format("U+%04X", (int) c);
    }

    /** The text with each control character and half character written as {@code \u0000}, for a name inside a message. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c) && pairAt(text, i)) {
                out.append(c).append(text.charAt(++i));
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The text with NUL, which PostgreSQL text cannot hold, written as {@code \u0000}; everything else as it came. */
    public static String storable(String text) {
        return text == null || text.indexOf('\0') < 0 ? text : text.replace("\0", "\\u0000");
    }
}
