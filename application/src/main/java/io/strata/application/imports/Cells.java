package io.strata.application.imports;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Reads typed cells of a row, collecting an error per bad cell instead of stopping at the first. */
final class Cells {

    private final SourceRow row;
    private final List<RowError> errors;
    private final ReadColumns columns;
    private final int[] positions;
    private final AcceptedDates dates;

    Cells(SourceRow row, List<RowError> errors, AcceptedDates dates) {
        this(row, errors, null, dates);
    }

    /** Cells read by column number in {@code columns}, whose positions in the row's header are worked out once. */
    Cells(SourceRow row, List<RowError> errors, ReadColumns columns, AcceptedDates dates) {
        this.row = row;
        this.errors = errors;
        this.columns = columns;
        this.dates = dates;
        this.positions = columns == null ? null : columns.positionsIn(row.header());
    }

    private String cell(int column) {
        int position = positions[column];
        return position < 0 || position >= row.cells().length ? null : row.cells()[position];
    }

    /** A cell as sent, {@code null} when the row has no such column. */
    String text(int column) {
        return cell(column);
    }

    String required(int column, int maxLength) {
        return required(columns.name(column), cell(column), maxLength);
    }

    String optional(int column, int maxLength) {
        return optional(columns.name(column), cell(column), maxLength);
    }

    Instant requiredInstant(int column) {
        return instant(columns.name(column), required(column, 64));
    }

    BigDecimal decimal(int column, boolean required) {
        String name = columns.name(column);
        return decimal(name, required ? required(name, cell(column), 64) : optional(name, cell(column), 64));
    }

    String required(String column, int maxLength) {
        return required(column, row.get(column), maxLength);
    }

    String optional(String column, int maxLength) {
        return optional(column, row.get(column), maxLength);
    }

    private String required(String column, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            errors.add(new RowError(row.line(), column, value == null ? "" : value, column + " is required; give it a value"));
            return null;
        }
        return checkLength(column, value, maxLength);
    }

    private String optional(String column, String value, int maxLength) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return checkLength(column, value, maxLength);
    }

    private String checkLength(String column, String value, int maxLength) {
        int characters = io.strata.domain.customer.CustomerId.characters(value);
        if (characters > maxLength) {
            errors.add(new RowError(row.line(), column, value, column + " has " + characters
                    + " characters; at most " + maxLength + " are allowed"));
            return null;
        }
        return value;
    }

    Instant requiredInstant(String column) {
        return instant(column, required(column, 64));
    }

    private Instant instant(String column, String value) {
        if (value == null) {
            return null;
        }
        Instant parsed;
        try {
            if (value.length() == 10) {
                parsed = LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } else {
                Instant utc = plainUtc(value);
                parsed = utc != null ? utc : OffsetDateTime.parse(value).toInstant();
            }
        } catch (DateTimeException | ArithmeticException e) {
            errors.add(new RowError(row.line(), column, value, "'" + value
                    + "' is not a date-time; write ISO-8601 with an offset (2024-03-01T14:30:00Z, 2024-03-01T14:30:00+02:00) or a date (2024-03-01, meaning 00:00 UTC)"));
            return null;
        }
        String refusal = dates.refusal(parsed, value);
        if (refusal != null) {
            errors.add(new RowError(row.line(), column, value, refusal));
            return null;
        }
        return parsed;
    }

    /**
     * The common form {@code 2024-03-01T14:30:00Z} read without a formatter (exports have millions of these);
     * {@code null} for any other form, which the full ISO-8601 parser then reads.
     */
    static Instant plainUtc(String text) {
        if (text.length() != 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
                || text.charAt(16) != ':' || text.charAt(19) != 'Z') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > LocalDate.of(year, month, 1).lengthOfMonth()
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        return Instant.ofEpochSecond(LocalDate.of(year, month, day).toEpochDay() * 86_400L + hour * 3_600L + minute * 60L + second);
    }

    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * The plain forms exports write ({@code 12}, {@code -12.5}, {@code 0.9900}, up to 18 characters) read without
     * the general parser, which copies the text first; {@code null} for any other form, which {@link BigDecimal}
     * then reads (or refuses). The result equals {@code new BigDecimal(text)}, scale included.
     */
    static BigDecimal plainDecimal(String text) {
        int length = text.length();
        if (length == 0 || length > 18) {
            return null;
        }
        boolean negative = text.charAt(0) == '-';
        long unscaled = 0;
        int digits = 0;
        int scale = -1;
        for (int i = negative ? 1 : 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                unscaled = unscaled * 10 + (c - '0');
                digits++;
                if (scale >= 0) {
                    scale++;
                }
            } else if (c == '.' && scale < 0) {
                scale = 0;
            } else {
                return null;
            }
        }
        if (digits == 0 || scale == 0) {
            return null;
        }
        return BigDecimal.valueOf(negative ? -unscaled : unscaled, Math.max(scale, 0));
    }

    /** A decimal with at most {@code scale} places and 15 digits before the point (numeric(19,4)). */
    BigDecimal decimal(String column, boolean required) {
        return decimal(column, required ? required(column, 64) : optional(column, 64));
    }

    /**
     * The example a refusal of more than 4 places gives: rounded half up, or down where half up would reach 10^15,
     * which is itself refused (999999999999999.99995 would be told to send 1000000000000000.0000).
     */
    private static BigDecimal roundedWithinBound(BigDecimal number) {
        if ((long) number.precision() - number.scale() < -4) {
            // below 0.00001, so 0.0000 half up; and setScale would divide by ten to the power of the scale, which an
            // exponent makes up to 2^31 (-1E-999999999: "BigInteger would overflow supported range", an import's 503)
            return BigDecimal.ZERO.setScale(4);
        }
        BigDecimal rounded = number.setScale(4, java.math.RoundingMode.HALF_UP);
        return (long) rounded.precision() - rounded.scale() > 15 ? number.setScale(4, java.math.RoundingMode.DOWN) : rounded;
    }

    private BigDecimal decimal(String column, String value) {
        if (value == null) {
            return null;
        }
        BigDecimal number = plainDecimal(value);
        try {
            if (number == null) {
                number = new BigDecimal(value.strip());
            }
        } catch (NumberFormatException e) {
            errors.add(new RowError(row.line(), column, value, "'" + value
                    + "' is not a decimal number; write it with a point and no thousands separator, e.g. -12.5 or 1999.9900"));
            return null;
        }
        // in long: an exponent makes the scale up to -2^31, and the int difference wrapped (1E+2147483647 read as
        // -2147483648 digits before the point, so it passed as an amount and failed the import's write with a 503)
        if ((long) number.precision() - number.scale() > 15) {
            // before the places: rounding would not mend it
            errors.add(new RowError(row.line(), column, value, "'" + value + "' is too large; at most 15 digits before the decimal point"));
            return null;
        }
        if (number.scale() > 4 && number.stripTrailingZeros().scale() > 4) {
            errors.add(new RowError(row.line(), column, value, "'" + value + "' has more than 4 decimal places; numbers are kept"
                    + " exactly as sent, so round it to 4 places before sending (e.g. " + roundedWithinBound(number).toPlainString() + ")"));
            return null;
        }
        return number;
    }
}
