package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignResultTest {

    @Test
    void upliftIsTreatmentRateMinusControlRateAndRelativeToTheControlRate() {
        // 7/14 = 0.5 against 1/4 = 0.25: +0.25 absolute, 0.25 / 0.25 = +100 % relative
        CampaignResult result = new CampaignResult(new GroupOutcome(14, 7, new BigDecimal("480"), null),
                new GroupOutcome(4, 1, new BigDecimal("70"), null));

        assertThat(result.treatment().conversionRate()).isEqualByComparingTo("0.5");
        assertThat(result.control().conversionRate()).isEqualByComparingTo("0.25");
        assertThat(result.absoluteUplift()).isEqualByComparingTo("0.25");
        assertThat(result.relativeUplift()).isEqualByComparingTo("1");
        assertThat(result.treatment().revenuePerCustomer()).isEqualByComparingTo("34.2857");
        assertThat(result.control().revenuePerCustomer()).isEqualByComparingTo("17.5");
    }

    @Test
    void upliftsAreRoundedOnceFromExactFractions() {
        // 1/3 − 1/7 = 4/21 = 0.190476190…; relative (1/3 − 1/7) / (1/7) = 4/3
        CampaignResult result = new CampaignResult(new GroupOutcome(3, 1, BigDecimal.ZERO, 2L), new GroupOutcome(7, 1, BigDecimal.ZERO, 1L));

        assertThat(result.absoluteUplift()).isEqualByComparingTo("0.190476");
        assertThat(result.relativeUplift()).isEqualByComparingTo("1.333333");
        // migration: 2/3 − 1/7 = 11/21
        assertThat(result.migrationUplift()).isEqualByComparingTo("0.523810");
    }

    @Test
    void relativeUpliftIsUndefinedWhenNobodyInTheControlGroupConverted() {
        CampaignResult result = new CampaignResult(new GroupOutcome(10, 2, BigDecimal.TEN, null), new GroupOutcome(5, 0, BigDecimal.ZERO, null));

        assertThat(result.absoluteUplift()).isEqualByComparingTo("0.2");
        assertThat(result.relativeUplift()).isNull();
    }

    @Test
    void withoutAControlGroupThereIsNoUpliftAndNoTest() {
        CampaignResult result = new CampaignResult(new GroupOutcome(10, 2, BigDecimal.TEN, null), new GroupOutcome(0, 0, BigDecimal.ZERO, null));

        assertThat(result.absoluteUplift()).isNull();
        assertThat(result.control().conversionRate()).isNull();
        assertThat(result.significance()).isEmpty();
    }

    @Test
    void theOutcomesOfDisjointPartsOfAGroupAddUp() {
        GroupOutcome tv = new GroupOutcome(3, 2, new BigDecimal("60"), 1L);
        GroupOutcome rest = new GroupOutcome(4, 1, new BigDecimal("15.5"), 0L);

        assertThat(tv.plus(rest)).isEqualTo(new GroupOutcome(7, 3, new BigDecimal("75.5"), 1L));
        assertThat(tv.plus(GroupOutcome.empty(true))).isEqualTo(tv);
        assertThat(tv.plus(GroupOutcome.empty(false)).movedUp()).as("unknown migration stays unknown").isNull();
    }

    @Test
    void migrationUpliftWaitsForALaterRun() {
        CampaignResult result = new CampaignResult(new GroupOutcome(10, 2, BigDecimal.TEN, null), new GroupOutcome(5, 1, BigDecimal.ONE, null));

        assertThat(result.migrationUplift()).isNull();
        assertThat(result.treatment().migrationRate()).isNull();
    }
}
