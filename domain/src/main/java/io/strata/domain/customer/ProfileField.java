package io.strata.domain.customer;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The profile fields the contract names; every other column of a customer import is a custom attribute.
 * Each field parses its own text form, so an import and the rule language agree on what a value means.
 */
public enum ProfileField {
    EMAIL("email", FieldType.TEXT, 320),
    PHONE("phone", FieldType.TEXT, 64),
    FIRST_NAME("first_name", FieldType.TEXT, 200),
    LAST_NAME("last_name", FieldType.TEXT, 200),
    BIRTH_DATE("birth_date", FieldType.DATE, 0),
    GENDER("gender", FieldType.TEXT, 64),
    CITY("city", FieldType.TEXT, 200),
    REGION("region", FieldType.TEXT, 200),
    COUNTRY("country", FieldType.TEXT, 200),
    SIGNUP_DATE("signup_date", FieldType.DATE, 0),
    EMAIL_OPT_IN("email_opt_in", FieldType.BOOLEAN, 0),
    SMS_OPT_IN("sms_opt_in", FieldType.BOOLEAN, 0),
    PUSH_OPT_IN("push_opt_in", FieldType.BOOLEAN, 0);

    private final String column;
    private final FieldType type;
    private final int maxLength;

    ProfileField(String column, FieldType type, int maxLength) {
        this.column = column;
        this.type = type;
        this.maxLength = maxLength;
    }

    public String column() {
        return column;
    }

    public FieldType type() {
        return type;
    }

    public static Optional<ProfileField> byColumn(String column) {
        return Arrays.stream(values()).filter(f -> f.column.equals(column)).findFirst();
    }

    /**
     * Checks a cell and returns its canonical text (dates ISO, booleans true/false); an empty cell clears
     * the field and gives {@code null}.
     */
    public String canonical(String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        return switch (type) {
            case TEXT -> {
                int characters = CustomerId.characters(raw);
                if (characters > maxLength) {
                    throw new InvalidCustomerData(column, raw,
                            column + " has " + characters + " characters; at most " + maxLength + " are allowed");
                }
                yield raw;
            }
            case DATE -> parseDate(column, raw).toString();
            case BOOLEAN -> Boolean.toString(parseBoolean(column, raw));
            case NUMBER -> parseNumber(column, raw).toPlainString();
        };
    }

    public static LocalDate parseDate(String column, String raw) {
        try {
            return LocalDate.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidCustomerData(column, raw, "'" + raw + "' is not a date; write it as YYYY-MM-DD, e.g. 1990-04-17");
        }
    }

    public static boolean parseBoolean(String column, String raw) {
        return switch (raw.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidCustomerData(column, raw, "'" + raw + "' is not a boolean; write true or false");
        };
    }

    public static BigDecimal parseNumber(String column, String raw) {
        try {
            return new BigDecimal(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidCustomerData(column, raw, "'" + raw + "' is not a number; write it like 1234.56");
        }
    }
}
