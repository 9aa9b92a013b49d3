package io.strata.domain.rule;

import io.strata.domain.text.PlainText;

/** One lexical unit of a rule: {@code text} as written, {@code value} decoded (strings, quoted names). */
record Token(Kind kind, String text, String value, Position position) {

    enum Kind {
        NAME, QUOTED_NAME, STRING, NUMBER, LEFT_PAREN, RIGHT_PAREN, COMMA, DOT,
        EQUALS, NOT_EQUALS, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, END
    }

    boolean isKeyword(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }

    /** How an error message names this token. */
    String shown() {
        if (kind == Kind.END) {
            return "end of rule";
        }
        String shown = PlainText.cut(text, 40);
        return "'" + shown + "'";
    }
}
