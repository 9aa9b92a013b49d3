package io.strata.application.imports;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CellsTest {

    private static Cells cells(List<RowError> errors, String column, String value) {
        return new Cells(new SourceRow(7, new SourceHeader(List.of(column)), new String[]{value}), errors, AcceptedDates.at(java.time.Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Property
    void theFastUtcReaderAgreesWithTheIsoParser(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds) {
        String text = Instant.ofEpochSecond(seconds).toString();

        // every second from 1970 to 9999 prints as the plain form the fast reader takes: it must read each one itself
        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(Cells.plainUtc(text)).as(text).isNotNull().isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    /**
     * A decimal far below the fourth place, written with an exponent ({@code -1E-999999999}: a scale of almost a
     * billion), is refused in words like any other with more than 4 places, the example rounded as for 0.000001. Found
     * by ImportFuzzProperties in session 61: the example's rounding ({@code setScale(4)} of that scale) threw "BigInteger
     * would overflow supported range", and the import answered 503 with an incident instead of the row's refusal.
     */
    @Test
    void aDecimalFarBelowTheFourthPlaceIsRefusedWithAnExampleOfZero() {
        for (String value : List.of("-1E-999999999", "1E-999999999", "5E-2147483647", "0.000001")) {
            List<RowError> errors = new ArrayList<>();

            assertThat(cells(errors, "amount", value).decimal("amount", true)).as(value).isNull();

            assertThat(errors).as(value).singleElement().satisfies(e -> assertThat(e.message()).isEqualTo("'" + value + "' has more than 4"
                    + " decimal places; numbers are kept exactly as sent, so round it to 4 places before sending (e.g. 0.0000)"));
        }
    }

    /**
     * The other side (session 61's review): 1E+2147483647 has precision 1 and scale -2147483647, whose int difference
     * wrapped to -2147483648 digits before the point, so the cell passed as an amount and the import's write of it threw
     * (toPlainString of a scale below -2^31 + 1). Refused as too large, as 1E+15 is.
     */
    @Test
    void aDecimalWithAHugeExponentIsRefusedAsTooLarge() {
        for (String value : List.of("1E+2147483647", "99E+2147483646", "-1E+2147483647", "1E+16")) {
            List<RowError> errors = new ArrayList<>();

            assertThat(cells(errors, "amount", value).decimal("amount", true)).as(value).isNull();

            assertThat(errors).as(value).singleElement().satisfies(e -> assertThat(e.message())
                    .isEqualTo("'" + value + "' is too large; at most 15 digits before the decimal point"));
        }
    }

    @Test
    void theFastUtcReaderLeavesOtherFormsAndImpossibleDatesToTheIsoParser() {
        assertThat(Cells.plainUtc("2024-02-30T10:00:00Z")).isNull();
        assertThat(Cells.plainUtc("2024-03-01T24:00:00Z")).isNull();
        assertThat(Cells.plainUtc("2024-03-01T10:00:00+02:00")).isNull();
        assertThat(Cells.plainUtc("2024-03-01 10:00:00Z")).isNull();
    }

    @Test
    void aDateTimeWithAnOffsetAndADateAloneAreRead() {
        List<RowError> errors = new ArrayList<>();

        assertThat(cells(errors, "at", "2024-03-01T10:00:00+02:00").requiredInstant("at")).isEqualTo(Instant.parse("2024-03-01T08:00:00Z"));
        assertThat(cells(errors, "at", "2024-03-01").requiredInstant("at")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(errors).isEmpty();
    }

    @Test
    void anImpossibleDateIsAnErrorWithLineColumnAndValue() {
        List<RowError> errors = new ArrayList<>();

        assertThat(cells(errors, "ordered_at", "2024-02-30T10:00:00Z").requiredInstant("ordered_at")).isNull();

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.column()).isEqualTo("ordered_at");
            assertThat(e.value()).isEqualTo("2024-02-30T10:00:00Z");
        });
    }

    @Test
    void yearsBefore1900OrMoreThanADayPastTheClockAreErrorsNamingTheRange() {
        List<RowError> errors = new ArrayList<>();
        // the clock of these cells reads 2026-01-01T00:00:00Z

        for (String value : List.of("0000-01-01", "0000-01-01T00:00:00Z", "-4000-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
                "1899-12-31T23:59:59Z", "2999-01-01", "2026-01-02T00:00:01Z")) {
            assertThat(cells(errors, "ordered_at", value).requiredInstant("ordered_at")).as(value).isNull();
        }

        assertThat(errors).extracting(RowError::value).containsExactly("0000-01-01", "0000-01-01T00:00:00Z", "-4000-01-01T00:00:00Z",
                "+10000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "2999-01-01", "2026-01-02T00:00:01Z");
        assertThat(errors.get(5).message()).contains("from 1900-01-01 to one day past the server's clock (2026-01-02T00:00:00Z)");
    }

    @Test
    void theFirstDayOf1900AndADayPastTheClockAreAccepted() {
        List<RowError> errors = new ArrayList<>();

        assertThat(cells(errors, "at", "1900-01-01").requiredInstant("at")).isEqualTo(Instant.parse("1900-01-01T00:00:00Z"));
        assertThat(cells(errors, "at", "2026-01-02T00:00:00Z").requiredInstant("at")).isEqualTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(errors).isEmpty();
    }

    @Test
    void aDecimalKeepsItsPlacesUpToFourAndRefusesMore() {
        List<RowError> errors = new ArrayList<>();

        assertThat(cells(errors, "amount", "-12.5000").decimal("amount", true)).hasToString("-12.5000");
        assertThat(cells(errors, "amount", "1.00000").decimal("amount", true)).isNotNull();
        assertThat(cells(errors, "amount", "1.23456").decimal("amount", true)).isNull();
        assertThat(cells(errors, "amount", "1,5").decimal("amount", true)).isNull();

        assertThat(errors).extracting(RowError::value).containsExactly("1.23456", "1,5");
    }

    @Test
    void anAbsentOptionalCellIsNoError() {
        List<RowError> errors = new ArrayList<>();

        assertThat(new Cells(new SourceRow(2, new SourceHeader(List.of("a")), new String[]{"x"}), errors, AcceptedDates.at(java.time.Instant.parse("2026-01-01T00:00:00Z"))).decimal("quantity", false)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void thePlainDecimalFormsReadAsBigDecimalReadsThem() {
        for (String text : List.of("0", "12", "-12.5", "0.9900", ".5", "-0.0", "007.10", "123456789012345678", "9999999999999.9999")) {
            assertThat(Cells.plainDecimal(text)).as(text).isEqualTo(new java.math.BigDecimal(text));
        }
    }

    /** The plain forms, written out: an optional minus, digits with an optional fraction or a fraction alone, 18 characters at most. */
    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("-?(\\d+(\\.\\d+)?|\\.\\d+)");

    @net.jqwik.api.Property(tries = 2000)
    void aPlainDecimalIsReadExactlyAndAnythingElseIsLeftToTheGeneralParser(@net.jqwik.api.ForAll("decimalTexts") String text) {
        java.math.BigDecimal plain = Cells.plainDecimal(text);

        if (text.length() <= 18 && PLAIN.matcher(text).matches()) {
            // equal as BigDecimal.equals has it: the same value and the same scale ("0.9900" keeps its four places)
            assertThat(plain).as(text).isNotNull().isEqualTo(new java.math.BigDecimal(text));
        } else {
            assertThat(plain).as(text).isNull();
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> decimalTexts() {
        net.jqwik.api.Arbitrary<String> digits = net.jqwik.api.Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(12);
        net.jqwik.api.Arbitrary<String> plainShaped = net.jqwik.api.Combinators.combine(
                        net.jqwik.api.Arbitraries.of("", "-"), digits, net.jqwik.api.Arbitraries.of("", "."), digits)
                .as((sign, whole, point, fraction) -> sign + whole + point + fraction);
        net.jqwik.api.Arbitrary<String> anything = net.jqwik.api.Arbitraries.strings().withChars("0123456789.-+eE ").ofMinLength(0).ofMaxLength(20);
        return net.jqwik.api.Arbitraries.oneOf(plainShaped, anything);
    }

    @Test
    void formsOutsideThePlainOnesAreLeftToTheGeneralParser() {
        for (String text : List.of("", "-", ".", "12.", "1e5", "+3", " 4", "1.2.3", "1234567890123456789")) {
            assertThat(Cells.plainDecimal(text)).as(text).isNull();
        }
    }
}
