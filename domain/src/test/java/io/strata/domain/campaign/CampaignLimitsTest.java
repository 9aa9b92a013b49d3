package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Actions, control groups and outcomes at the exact edges of what they accept, with the numbers written out. */
class CampaignLimitsTest {

    private static Action offer(String percent) {
        return Action.of(Channel.OFFER, "10% off", percent == null ? null : new BigDecimal(percent), "actions[0]");
    }

    @Test
    void anOfferGivesMoreThanZeroAndAtMostOneHundredPercentWithTwoDecimalsAtMost() {
        assertThat(offer("100")).isEqualTo(new Action.Offer(new BigDecimal("100"), "10% off"));
        assertThat(offer("0.01")).isEqualTo(new Action.Offer(new BigDecimal("0.01"), "10% off"));
        assertThat(offer("12.50")).isEqualTo(new Action.Offer(new BigDecimal("12.50"), "10% off"));
        for (String refused : new String[]{"0", "-5", "100.01", "12.255"}) {
            assertThatThrownBy(() -> offer(refused)).as(refused).isInstanceOf(InvalidCampaign.class)
                    .hasMessage("actions[0].discountPercent is " + refused + "; give a discount above 0 and at most 100 percent, with at most 2 decimals")
                    .extracting("field").isEqualTo("actions[0].discountPercent");
        }
    }

    @Test
    void contentHasTwoThousandCharactersAtMostAndNoControlCharacters() {
        assertThat(Action.of(Channel.EMAIL, "c".repeat(2000), null, "actions[1]")).isEqualTo(new Action.Message(Channel.EMAIL, "c".repeat(2000)));
        assertThatThrownBy(() -> Action.of(Channel.EMAIL, "c".repeat(2001), null, "actions[1]")).isInstanceOf(InvalidCampaign.class)
                .hasMessageStartingWith("actions[1].content has 2001 characters; at most 2000 are allowed");
        assertThatThrownBy(() -> Action.of(Channel.SMS, "Hi\u0007", null, "actions[2]")).isInstanceOf(InvalidCampaign.class)
                .hasMessageStartingWith("actions[2].content holds the control character U+0007 at character 3")
                .extracting("field").isEqualTo("actions[2].content");
        assertThat(Action.of(Channel.EMAIL, "  Hello  ", null, "actions[0]")).isEqualTo(new Action.Message(Channel.EMAIL, "Hello"));
    }

    @Test
    void aControlGroupIsZeroToFiftyPercentWithTwoDecimalsAtMost() {
        assertThat(new ControlGroup(new BigDecimal("0")).percent()).isEqualByComparingTo("0");
        assertThat(new ControlGroup(new BigDecimal("50")).percent()).isEqualByComparingTo("50");
        assertThat(new ControlGroup(new BigDecimal("12.25")).percent()).isEqualByComparingTo("12.25");
        for (String refused : new String[]{"-0.01", "50.01", "1.125"}) {
            assertThatThrownBy(() -> new ControlGroup(new BigDecimal(refused))).as(refused).isInstanceOf(InvalidCampaign.class)
                    .extracting("field").isEqualTo("controlGroupPercent");
        }
    }

    @Test
    void noCustomerIsInAControlGroupOfZeroPercent() {
        ControlGroup none = new ControlGroup(BigDecimal.ZERO);
        for (int i = 0; i < 50; i++) {
            assertThat(none.contains(7, "c" + i)).isFalse();
        }
    }

    @Test
    void twoPartsOfAGroupAddUpAndTheirMigrationRateIsMovedUpOverCustomers() {
        GroupOutcome first = new GroupOutcome(10, 3, new BigDecimal("30.50"), 2L);
        GroupOutcome second = new GroupOutcome(5, 1, new BigDecimal("9.50"), 1L);

        GroupOutcome both = first.plus(second);

        assertThat(both).isEqualTo(new GroupOutcome(15, 4, new BigDecimal("40.00"), 3L));
        assertThat(both.migrationRate()).isEqualByComparingTo("0.2");
        assertThat(first.plus(new GroupOutcome(5, 1, BigDecimal.ZERO, null)).movedUp()).isNull();
        assertThat(new GroupOutcome(5, 1, BigDecimal.ZERO, null).migrationRate()).isNull();
    }

    @Test
    void theSignificanceComparesTreatmentWithControl() {
        CampaignResult result = new CampaignResult(new GroupOutcome(100, 30, BigDecimal.ZERO, null), new GroupOutcome(100, 10, BigDecimal.ZERO, null));

        assertThat(result.significance()).hasValueSatisfying(test -> {
            // pooled 0.2, standard error sqrt(0.2 × 0.8 × 2 / 100) = 0.056569; z = 0.2 / 0.056569
            assertThat(test.z()).isCloseTo(3.5355, org.assertj.core.data.Offset.offset(0.0001));
            assertThat(test.pValue()).isLessThan(0.001);
        });
    }
}
