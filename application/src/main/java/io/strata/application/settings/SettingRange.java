package io.strata.application.settings;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * The values a numeric setting may take, written once beside the settings record that reads it, and the one line a
 * start with another value stops on: the environment variable, the key, the value and the range ("STRATA_DB_POOL_SIZE
 * (strata.db.pool-size) is 0; give a whole number of connections from 4 to 1000, or leave it unset for 10"). Before
 * session 53 a negative or absurd value started Strata (a negative follow-up horizon, a pool of 0 connections) or
 * failed deep in a bean with a stack trace, and a non-number was Spring's multi-line binding report without the range.
 *
 * @param least       the smallest value allowed, or the bound it must stay above when {@code leastIncluded} is false
 * @param most        the largest value allowed, or the bound it must stay below when {@code mostIncluded} is false
 * @param whole       whether the value is a whole number
 * @param unit        what the number counts, in the plural ("days", "connections"), or empty
 * @param unset       the default, as the line names it
 */
public record SettingRange(String key, BigDecimal least, boolean leastIncluded, BigDecimal most, boolean mostIncluded, boolean whole,
                           String unit, String unset) implements SettingBounds {

    /** A whole number from {@code least} to {@code most}, both included. */
    public static SettingRange whole(String key, long least, long most, String unit, long unset) {
        return new SettingRange(key, BigDecimal.valueOf(least), true, BigDecimal.valueOf(most), true, true, unit, Long.toString(unset));
    }

    /** A number between {@code least} and {@code most}, each bound included or not. */
    public static SettingRange number(String key, String least, boolean leastIncluded, String most, boolean mostIncluded, String unset) {
        return new SettingRange(key, new BigDecimal(least), leastIncluded, new BigDecimal(most), mostIncluded, false, "", unset);
    }

    /** The environment variable of the key, as Spring Boot reads it: STRATA_CAMPAIGNS_MEASUREMENT_FOLLOW_DAYS. */
    public String variable() {
        return variableOf(key);
    }

    /** The environment variable of any {@code strata.*} key. */
    public static String variableOf(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** "a whole number of days from 0 to 3650", "a number above 0 and at most 1". */
    public String allowed() {
        String what = whole ? "a whole number" + (unit.isEmpty() ? "" : " of " + unit) : "a number" + (unit.isEmpty() ? "" : " of " + unit);
        if (leastIncluded && mostIncluded) {
            return what + " from " + least.toPlainString() + " to " + most.toPlainString();
        }
        return what + " " + (leastIncluded ? "of at least " : "above ") + least.toPlainString() + " and " + (mostIncluded ? "at most " : "below ")
                + most.toPlainString();
    }

    /** "a whole number", "a number": what a value that is none is not. */
    @Override
    public String kind() {
        return whole ? "a whole number" : "a number";
    }

    /** The line a start with {@code value} stops on; {@code why} says what is wrong beyond its being out of range, or is empty. */
    @Override
    public String refusal(String value, String why) {
        return variable() + " (" + key + ") is " + value + why + "; give " + allowed() + ", or leave it unset for " + unset;
    }

    public int check(int value) {
        check(BigDecimal.valueOf(value), Integer.toString(value));
        return value;
    }

    public double check(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new SettingOutOfRange(refusal(Double.toString(value), ", which is no number"));
        }
        check(BigDecimal.valueOf(value), BigDecimal.valueOf(value).stripTrailingZeros().toPlainString());
        return value;
    }

    public BigDecimal check(BigDecimal value) {
        check(value, value.toPlainString());
        return value;
    }

    private void check(BigDecimal value, String shown) {
        int low = value.compareTo(least);
        int high = value.compareTo(most);
        if (low < 0 || low == 0 && !leastIncluded || high > 0 || high == 0 && !mostIncluded) {
            throw new SettingOutOfRange(refusal(shown, ""));
        }
    }
}
