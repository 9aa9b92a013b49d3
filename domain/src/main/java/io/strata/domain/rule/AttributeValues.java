package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How stored text (custom attributes, event properties) reads as a typed value. The forms are strict, so that
 * the database can test them with one pattern: numbers {@code -?[0-9]+(\.[0-9]+)?}, dates {@code YYYY-MM-DD},
 * booleans {@code true}/{@code false} in any case; no surrounding spaces. Text that does not fit is missing.
 */
public final class AttributeValues {

    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    private AttributeValues() {
    }

    /** Whether {@code text} reads as a value of {@code type}; a catalogue can infer an attribute's type with it. */
    public static boolean fits(String text, FieldType type) {
        return read(text, type) != null;
    }

    /** The value as String, BigDecimal, LocalDate or Boolean; {@code null} when absent, empty or not of the type. */
    static Object read(String text, FieldType type) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        switch (type) {
            case TEXT:
                return text;
            case NUMBER:
                return NUMBER.matcher(text).matches() ? new BigDecimal(text) : null;
            case DATE:
                return date(text);
            case BOOLEAN:
                String lower = text.toLowerCase(Locale.ROOT);
                return lower.equals("true") ? Boolean.TRUE : lower.equals("false") ? Boolean.FALSE : null;
            default:
                throw new IllegalArgumentException("unknown type " + type);
        }
    }

    static LocalDate date(String text) {
        if (!DATE.matcher(text).matches()) {
            return null;
        }
        try {
            LocalDate date = LocalDate.parse(text);
            // PostgreSQL has no year 0 (1 BC comes before 1 AD), so the database cannot hold 0000-MM-DD as a date
            return date.getYear() == 0 ? null : date;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
