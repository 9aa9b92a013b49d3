package io.strata.adapters.persistence.imports;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written encodings of COPY fields write what the general conversions would. */
class CopyStreamTest {

    private static String encoded(Consumer<CopyStream> fields) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyStream copy = new CopyStream(out);
        fields.accept(copy);
        copy.endRow();
        copy.finish();
        String row = out.toString(StandardCharsets.UTF_8);
        return row.substring(0, row.length() - 1);
    }

    @Property(tries = 2000)
    void aDigestIsWrittenAsTheUuidOfItsTwoHalves(@ForAll long high, @ForAll long low) throws Exception {
        assertThat(encoded(copy -> copy.field(high, low))).isEqualTo(new java.util.UUID(high, low).toString());
    }

    @Property(tries = 3000)
    void aDecimalIsWrittenInPlainNotation(@ForAll("decimals") BigDecimal value) throws Exception {
        assertThat(encoded(copy -> copy.field(value))).isEqualTo(value.toPlainString());
    }

    @Provide
    Arbitrary<BigDecimal> decimals() {
        Arbitrary<BigInteger> unscaled = Arbitraries.oneOf(
                Arbitraries.longs().between(-99_999, 99_999).map(BigInteger::valueOf),
                Arbitraries.longs().map(BigInteger::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(25).negate(), BigInteger.TEN.pow(25)));
        return net.jqwik.api.Combinators.combine(unscaled, Arbitraries.integers().between(-3, 22)).as(BigDecimal::new);
    }

    @Property(tries = 2000)
    void aNumberIsWrittenAsItsDecimalDigits(@ForAll long value) throws Exception {
        assertThat(encoded(copy -> copy.field(value))).isEqualTo(Long.toString(value));
    }

    @Property(tries = 2000)
    void anInstantReadsBackAsTheSameInstant(@ForAll @LongRange(min = -62_135_596_800L, max = 253_402_300_799L) long seconds,
                                            @ForAll("nanos") int nanos) throws Exception {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);
        String text = encoded(copy -> copy.field(instant));
        assertThat(Instant.parse(text)).isEqualTo(instant);
        assertThat(text).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
    }

    @Provide
    Arbitrary<Integer> nanos() {
        return Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
                Arbitraries.integers().between(0, 999_999_999));
    }

    @Test
    void anInstantOutsideFourDigitYearsIsLeftToItsStandardForm() throws Exception {
        Instant far = Instant.parse("+12024-01-01T00:00:00Z");
        assertThat(encoded(copy -> copy.field(far))).isEqualTo(far.toString());
    }

    @Test
    void textIsEscapedForCopyAndEncodedAsUtf8() throws Exception {
        assertThat(encoded(copy -> copy.field("a\\b\tc\nd\re"))).isEqualTo("a\\\\b\\tc\\nd\\re");
        assertThat(encoded(copy -> copy.field("Grüße, 東京 😀"))).isEqualTo("Grüße, 東京 😀");
        assertThat(encoded(copy -> copy.field("plain ASCII then ü"))).isEqualTo("plain ASCII then ü");
        assertThat(encoded(copy -> copy.field((String) null).field("x"))).isEqualTo("\\N\tx");
    }

    @Test
    void rowsLongerThanTheBufferGoOutWhole() throws Exception {
        String long1 = "x".repeat(700_000);
        String long2 = "y".repeat(700_000) + "é";
        assertThat(encoded(copy -> copy.field(long1).field(long2).field(123L))).isEqualTo(long1 + "\t" + long2 + "\t123");
    }
}
