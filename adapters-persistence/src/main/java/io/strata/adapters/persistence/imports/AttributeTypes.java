package io.strata.adapters.persistence.imports;

import io.strata.domain.customer.FieldType;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The narrowest type all values of each custom attribute fit, learnt while the rows stream past (on the parsing
 * thread, while PostgreSQL takes the COPY): boolean ({@code true}/{@code false}), number (up to 15 digits before
 * the point), date ({@code YYYY-MM-DD}), else text. Memory is one entry per attribute name; the row reader bounds
 * the names of one file.
 */
final class AttributeTypes {

    private final Map<String, Fit> seen = new LinkedHashMap<>();

    void see(String name, String value) {
        seen.computeIfAbsent(name, n -> new Fit()).see(value);
    }

    Map<String, FieldType> inferred() {
        Map<String, FieldType> types = new LinkedHashMap<>();
        seen.forEach((name, fit) -> types.put(name, fit.type()));
        return types;
    }

    /** Which types every value so far fits. */
    private static final class Fit {
        private boolean bool = true;
        private boolean number = true;
        private boolean date = true;

        void see(String value) {
            bool = bool && (value.equals("true") || value.equals("false"));
            number = number && isNumber(value);
            date = date && isDateShape(value);
        }

        FieldType type() {
            return bool ? FieldType.BOOLEAN : number ? FieldType.NUMBER : date ? FieldType.DATE : FieldType.TEXT;
        }
    }

    /** {@code -?[0-9]{1,15}(\.[0-9]+)?} */
    static boolean isNumber(String value) {
        int i = value.startsWith("-") ? 1 : 0;
        int integerDigits = 0;
        while (i < value.length() && isDigit(value.charAt(i))) {
            i++;
            integerDigits++;
        }
        if (integerDigits < 1 || integerDigits > 15) {
            return false;
        }
        if (i == value.length()) {
            return true;
        }
        if (value.charAt(i) != '.' || i == value.length() - 1) {
            return false;
        }
        for (i++; i < value.length(); i++) {
            if (!isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [0-9]{4}-[0-9]{2}-[0-9]{2}} */
    static boolean isDateShape(String value) {
        if (value.length() != 10 || value.charAt(4) != '-' || value.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (i != 4 && i != 7 && !isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
