package io.strata.domain.rule;

import java.util.ArrayList;
import java.util.List;

/** Splits a rule text into tokens; broken strings, names and characters are positioned syntax errors. */
final class RuleLexer {

    private final String text;
    private int index;
    private Position last = Position.START;

    private RuleLexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new RuleLexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipWhitespace();
            if (index >= text.length()) {
                tokens.add(new Token(Token.Kind.END, "", "", positionAt(index)));
                return tokens;
            }
            tokens.add(next());
        }
    }

    private void skipWhitespace() {
        while (index < text.length() && " \t\r\n".indexOf(text.charAt(index)) >= 0) {
            index++;
        }
    }

    private Token next() {
        int start = index;
        char c = text.charAt(index);
        if (c == '"') {
            return string(start);
        }
        if (c == '`') {
            return quotedName(start);
        }
        if (isDigit(c) || (c == '-' && index + 1 < text.length() && isDigit(text.charAt(index + 1)))) {
            return number(start);
        }
        if (isNameStart(c)) {
            while (index < text.length() && isNamePart(text.charAt(index))) {
                index++;
            }
            if (index - start > Rule.MAX_NAME_LENGTH) {
                throw error(start, text.substring(start, index), "a name of at most " + Rule.MAX_NAME_LENGTH + " characters",
                        "a name has at most " + Rule.MAX_NAME_LENGTH + " characters");
            }
            return token(Token.Kind.NAME, start);
        }
        index++;
        switch (c) {
            case '(': return token(Token.Kind.LEFT_PAREN, start);
            case ')': return token(Token.Kind.RIGHT_PAREN, start);
            case ',': return token(Token.Kind.COMMA, start);
            case '.': return token(Token.Kind.DOT, start);
            case '=': return token(Token.Kind.EQUALS, start);
            case '<': return twoChar(start, Token.Kind.LESS, Token.Kind.LESS_OR_EQUAL);
            case '>': return twoChar(start, Token.Kind.GREATER, Token.Kind.GREATER_OR_EQUAL);
            case '!':
                if (index < text.length() && text.charAt(index) == '=') {
                    index++;
                    return token(Token.Kind.NOT_EQUALS, start);
                }
                throw error(start, "!", "'!='", "'!' stands alone; write != for 'not equal' or not (…) to negate");
            default:
                String found = new String(Character.toChars(text.codePointAt(start)));
                throw error(start, found, "a name, a value, an operator or a parenthesis",
                        "unexpected character '" + printable(found) + "'; names use letters a-z, digits and _ "
                                + "(write other names in backticks, e.g. `utm-source`), text goes in double quotes");
        }
    }

    private Token twoChar(int start, Token.Kind single, Token.Kind withEquals) {
        if (index < text.length() && text.charAt(index) == '=') {
            index++;
            return token(withEquals, start);
        }
        return token(single, start);
    }

    private Token number(int start) {
        if (text.charAt(index) == '-') {
            index++;
        }
        digits();
        if (index + 1 < text.length() && text.charAt(index) == '.' && isDigit(text.charAt(index + 1))) {
            index++;
            digits();
        }
        if (index < text.length() && isNamePart(text.charAt(index))) {
            int end = index;
            while (end < text.length() && isNamePart(text.charAt(end))) {
                end++;
            }
            throw error(start, text.substring(start, end), "a number",
                    "'" + text.substring(start, end) + "' is not a number; write numbers like 12 or -3.75");
        }
        return token(Token.Kind.NUMBER, start);
    }

    private void digits() {
        while (index < text.length() && isDigit(text.charAt(index))) {
            index++;
        }
    }

    private Token string(int start) {
        StringBuilder value = new StringBuilder();
        index++;
        while (true) {
            if (index >= text.length()) {
                throw error(start, text.substring(start, Math.min(text.length(), start + 20)), "a closing '\"'",
                        "this text is never closed; end it with \"");
            }
            char c = text.charAt(index);
            if (c == '"') {
                index++;
                Token token = token(Token.Kind.STRING, start);
                return new Token(token.kind(), token.text(), value.toString(), token.position());
            }
            if (c == '\n' || c == '\r') {
                throw error(start, text.substring(start, index), "a closing '\"' on the same line",
                        "this text runs past the end of the line; close it with \" or write \\n for a line break");
            }
            int at = index;
            char next = c == '\\' ? escape() : text.charAt(index++);
            if (Character.isSurrogate(next)) {
                value.append(next).append(secondHalf(at, next));
                continue;
            }
            if (next < 0x20 && next != '\t' && next != '\n' && next != '\r') {
                String found = text.substring(at, index);
                throw error(at, printable(found), "text without control characters", "text may not hold the control character "
                        + String.format("U+%04X", (int) next) + " (written " + printable(found) + "); tab and line breaks (\\t, \\n, \\r) "
                        + "are the only control characters allowed, since imports refuse the others");
            }
            value.append(next);
        }
    }

    /**
     * A text holds whole characters only, as typed text and imports do (ControlCharacters): the first half of a UTF-16
     * pair must be followed by its second half, written as the character or as another \\u escape; a half alone (a
     * {@code \\uD800} escape, or a lone surrogate in the sent text) is no text, and PostgreSQL would store a '?' for it.
     */
    private char secondHalf(int at, char half) {
        if (Character.isHighSurrogate(half) && index < text.length()) {
            int second = index;
            char c = text.charAt(index);
            char next = c == '\\' && index + 1 < text.length() && text.charAt(index + 1) == 'u' ? escape()
                    : c == '"' || c == '\\' ? 0 : text.charAt(index++);
            if (Character.isLowSurrogate(next)) {
                return next;
            }
            index = second;
        }
        String found = text.substring(at, index);
        throw error(at, printable(found), "a whole character", "text may not hold half a character: " + printable(found) + " is "
                + String.format("U+%04X", (int) half) + ", the " + (Character.isHighSurrogate(half) ? "first" : "second")
                + " half of a UTF-16 pair whose other half is missing; write the whole character (e.g. \\uD83D\\uDCFA for \uD83D\uDCFA) "
                + "or the character itself");
    }

    private char escape() {
        int start = index;
        if (index + 1 >= text.length()) {
            throw error(start, "\\", "an escape such as \\\" or \\n", "the text ends inside an escape; close it with \"");
        }
        char kind = text.charAt(index + 1);
        index += 2;
        switch (kind) {
            case '"': return '"';
            case '\\': return '\\';
            case 'n': return '\n';
            case 't': return '\t';
            case 'r': return '\r';
            case 'u':
                if (index + 4 <= text.length() && text.substring(index, index + 4).chars().allMatch(RuleLexer::isHex)) {
                    char decoded = (char) Integer.parseInt(text.substring(index, index + 4), 16);
                    index += 4;
                    return decoded;
                }
                throw error(start, text.substring(start, Math.min(text.length(), start + 6)), "\\u and four hex digits",
                        "\\u needs four hex digits, e.g. \\u00e9");
            default:
                throw error(start, "\\" + printable(String.valueOf(kind)), "\\\", \\\\, \\n, \\t, \\r or \\uXXXX",
                        "unknown escape '\\" + printable(String.valueOf(kind)) + "'; use \\\", \\\\, \\n, \\t, \\r or \\uXXXX");
        }
    }

    private Token quotedName(int start) {
        int end = text.indexOf('`', start + 1);
        int lineBreak = firstLineBreak(start + 1, end < 0 ? text.length() : end);
        if (end < 0 || lineBreak >= 0) {
            throw error(start, "`", "a closing '`' on the same line", "this quoted name is never closed; end it with `");
        }
        String name = text.substring(start + 1, end);
        index = end + 1;
        if (!Operand.Field.isValidName(name)) {
            throw error(start, text.substring(start, index), "a name of 1 to " + Rule.MAX_NAME_LENGTH + " characters",
                    "a quoted name needs 1 to " + Rule.MAX_NAME_LENGTH + " characters and no control characters");
        }
        Token token = token(Token.Kind.QUOTED_NAME, start);
        return new Token(token.kind(), token.text(), name, token.position());
    }

    private int firstLineBreak(int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                return i;
            }
        }
        return -1;
    }

    private Token token(Token.Kind kind, int start) {
        String written = text.substring(start, index);
        return new Token(kind, written, written, positionAt(start));
    }

    private RuleSyntaxError error(int offset, String found, String expected, String message) {
        return new RuleSyntaxError(positionAt(offset), found, expected, message);
    }

    /** Tokens come in order, so each position continues from the last one instead of rescanning the text. */
    private Position positionAt(int offset) {
        if (offset < last.offset()) {
            return Position.in(text, offset);
        }
        int line = last.line();
        int column = last.column();
        for (int i = last.offset(); i < offset; i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
            } else if (!Character.isLowSurrogate(c)) {
                column++;
            }
        }
        last = new Position(offset, line, column);
        return last;
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x20 || c == 0x7f || Character.isSurrogate((char) c) ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNamePart(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private static boolean isHex(int c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
