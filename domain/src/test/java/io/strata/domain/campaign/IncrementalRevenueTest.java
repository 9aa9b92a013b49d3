package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementalRevenueTest {

    /**
     * Treatment: 4 customers spending 10, 0, 20, 10 (mean 10, sample variance 200/3); control: 4 spending 0, 0, 10, 10
     * (mean 5, variance 100/3). Difference 5 per customer, times 4 customers = 20. Standard error sqrt((200/3)/4 + (100/3)/4)
     * = sqrt(25) = 5; the interval is (5 ± 1.96 × 5) × 4 = 20 ± 39.2: from -19.20 to 59.20, worked out by hand.
     */
    @Test
    void theEstimateIsTheDifferencePerCustomerTimesTheTreatmentWithAWelchInterval() {
        var treatment = new IncrementalRevenue.Spread(4, new BigDecimal("40"), new BigDecimal("600"));
        var control = new IncrementalRevenue.Spread(4, new BigDecimal("20"), new BigDecimal("200"));

        IncrementalRevenue revenue = IncrementalRevenue.of(treatment, control).orElseThrow();

        assertThat(revenue.estimate()).isEqualByComparingTo("20.00");
        assertThat(revenue.low()).isEqualByComparingTo("-19.20");
        assertThat(revenue.high()).isEqualByComparingTo("59.20");
        assertThat(revenue.excludesZero()).isFalse();
    }

    @Test
    void aClearEffectHasAnIntervalAboveZero() {
        // treatment: 100 customers, all spend 10 (variance 0); control: 100 spend nothing
        var treatment = new IncrementalRevenue.Spread(100, new BigDecimal("1000"), new BigDecimal("10000"));
        var control = new IncrementalRevenue.Spread(100, BigDecimal.ZERO, BigDecimal.ZERO);

        IncrementalRevenue revenue = IncrementalRevenue.of(treatment, control).orElseThrow();

        assertThat(revenue.estimate()).isEqualByComparingTo("1000.00");
        assertThat(revenue.low()).isEqualByComparingTo("1000.00");
        assertThat(revenue.excludesZero()).isTrue();
    }

    @Test
    void aGroupOfFewerThanTwoCustomersGivesNoInterval() {
        var one = new IncrementalRevenue.Spread(1, BigDecimal.TEN, new BigDecimal("100"));
        var four = new IncrementalRevenue.Spread(4, new BigDecimal("40"), new BigDecimal("600"));

        assertThat(IncrementalRevenue.of(one, four)).isEmpty();
        assertThat(IncrementalRevenue.of(four, one)).isEmpty();
    }
}
