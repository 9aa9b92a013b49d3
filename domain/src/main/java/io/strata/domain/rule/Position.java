package io.strata.domain.rule;

/** Where something stands in a rule's text: {@code offset} counts chars from 0, line and column count from 1. */
public record Position(int offset, int line, int column) {

    public static final Position START = new Position(0, 1, 1);

    public Position {
        if (offset < 0 || line < 1 || column < 1) {
            throw new IllegalArgumentException("offset must be >= 0, line and column >= 1");
        }
    }

    /** The position of char {@code offset} in {@code text}; columns count code points, so an emoji is one column. */
    public static Position in(String text, int offset) {
        int line = 1;
        int column = 1;
        int end = Math.min(offset, text.length());
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        return new Position(offset, line, column);
    }

    @Override
    public String toString() {
        return "line " + line + ", column " + column;
    }
}
