package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** 95 % intervals worked out by hand (estimate ± 1.959964 × se, 6 places). */
class ConfidenceIntervalTest {

    @Test
    void aShareOfOneInThirtyFive() {
        // p = 0.028571, se = √(p(1 − p)/35) = 0.028160, half width 0.055193
        assertThat(ConfidenceInterval.ofShare(1, 35)).isEqualTo(new ConfidenceInterval(new BigDecimal("-0.026622"), new BigDecimal("0.083765")));
        assertThat(ConfidenceInterval.ofShare(0, 0)).isNull();
    }

    @Test
    void theUpliftOfThreeInFourAgainstOneInFour() {
        // 0.75 − 0.25 = 0.5, se = √(0.75·0.25/4 + 0.25·0.75/4) = 0.306186, half width 0.600114
        assertThat(ConfidenceInterval.ofShareDifference(3, 4, 1, 4))
                .isEqualTo(new ConfidenceInterval(new BigDecimal("-0.100114"), new BigDecimal("1.100114")));
        assertThat(ConfidenceInterval.ofShareDifference(3, 4, 0, 0)).isNull();
    }

    @Test
    void revenuePerCustomerOfOneBuyerAmongFifteenAndTheDifferenceToOneAmongThirtyFive() {
        RevenueSample held = new RevenueSample(15, new BigDecimal("100"), new BigDecimal("10000"));
        RevenueSample others = new RevenueSample(35, new BigDecimal("50"), new BigDecimal("2500"));
        // s² = (10000 − 100²/15)/14 = 666.666667; se = √(s²/15) = 6.666667; 6.666667 ± 13.066427
        assertThat(held.perCustomer()).isEqualByComparingTo("6.6667");
        assertThat(held.variance()).isCloseTo(666.666667, within(1e-6));
        assertThat(held.interval()).isEqualTo(new ConfidenceInterval(new BigDecimal("-6.399760"), new BigDecimal("19.733093")));
        // 1.428571 − 6.666667 = −5.238095, se = √(666.666667/15 + 71.428571/35) = 6.818138
        assertThat(others.difference(held)).isEqualByComparingTo("-5.2381");
        assertThat(others.differenceInterval(held)).isEqualTo(new ConfidenceInterval(new BigDecimal("-18.601149"), new BigDecimal("8.124959")));
        assertThat(others.differencePValue(held)).isCloseTo(0.442325, within(1e-6));
        assertThat(new RevenueSample(1, BigDecimal.TEN, new BigDecimal("100")).interval()).isNull();
        assertThat(new RevenueSample(0, BigDecimal.ZERO, BigDecimal.ZERO).perCustomer()).isNull();
    }
}
