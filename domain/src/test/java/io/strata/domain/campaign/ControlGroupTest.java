package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ControlGroupTest {

    @Test
    void theHashIsTheFirstEightBytesOfSha256ReadUnsigned() {
        // sha256("1001:w01") starts with these bytes (printf '1001:w01' | sha256sum)
        assertThat(ControlGroup.hash(1001, "w01")).isEqualTo(new BigInteger("1898e3c9ebf06722", 16));
    }

    @Test
    void membershipIsTheSameEveryTimeItIsDerived() {
        ControlGroup group = new ControlGroup(new BigDecimal("20"));

        IntStream.range(0, 200).forEach(i ->
                assertThat(group.contains(42, "c" + i)).isEqualTo(new ControlGroup(new BigDecimal("20.00")).contains(42, "c" + i)));
    }

    @Test
    void aboutThePercentOfCustomersFallIntoTheControlGroup() {
        ControlGroup group = new ControlGroup(new BigDecimal("20"));

        long members = IntStream.range(0, 20_000).filter(i -> group.contains(7, "customer-" + i)).count();

        assertThat(members / 20_000.0).isCloseTo(0.20, within(0.015));
    }

    @Test
    void theSameCustomerCanBeControlInOneCampaignAndTreatedInAnother() {
        ControlGroup group = new ControlGroup(new BigDecimal("50"));

        long differing = IntStream.range(0, 100).filter(i -> group.contains(1, "c" + i) != group.contains(2, "c" + i)).count();

        assertThat(differing).isGreaterThan(20);
    }

    @Test
    void zeroPercentMeansNoControlGroup() {
        ControlGroup none = new ControlGroup(BigDecimal.ZERO);

        assertThat(IntStream.range(0, 1000).noneMatch(i -> none.contains(3, "c" + i))).isTrue();
    }

    @Test
    void theShareMustBeBetweenZeroAndFiftyPercent() {
        assertThatThrownBy(() -> new ControlGroup(new BigDecimal("50.01"))).isInstanceOf(InvalidCampaign.class)
                .hasMessageContaining("between 0 and 50");
        assertThatThrownBy(() -> new ControlGroup(new BigDecimal("-1"))).isInstanceOf(InvalidCampaign.class);
        assertThat(ControlGroup.standard().percent()).isEqualByComparingTo("10");
    }

    @Test
    void theThresholdIsTheExactShareOfTwoToThe64() {
        assertThat(new ControlGroup(new BigDecimal("25")).threshold()).isEqualByComparingTo(new BigDecimal(BigInteger.ONE.shiftLeft(62)));
    }
}
