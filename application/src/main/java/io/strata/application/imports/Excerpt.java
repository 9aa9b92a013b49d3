package io.strata.application.imports;

import io.strata.domain.text.PlainText;

/**
 * How much of a text sent to an import is echoed back and kept: a report holds up to 1000 errors, and one cell may
 * be megabytes long, so a long text is kept as its first characters and a "…" that marks the cut.
 */
public final class Excerpt {

    /** The mark at the end of a cut text. */
    public static final String CUT = "…";

    private Excerpt() {
    }

    /** The text itself when it has at most {@code max} characters (code points), else its first {@code max} and {@link #CUT}. */
    public static String of(String text, int max) {
        return PlainText.cut(text, max);
    }

    /** Characters as a person counts them: a character outside the BMP (an emoji) is one, not two. */
    public static int length(String text) {
        return PlainText.characters(text);
    }
}
