package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static io.strata.domain.campaign.Plans.winBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignPlanTest {

    private static final List<Action> EMAIL = List.of(new Action.Message(Channel.EMAIL, "Hello"));

    @Test
    void aPlanWithoutControlGroupOrWindowGetsTenPercentAndThirtyDays() {
        CampaignPlan plan = new CampaignPlan("Welcome", null, Target.segment("new_customers"), EMAIL, null, null, null, null);

        assertThat(plan.controlGroup().percent()).isEqualByComparingTo("10");
        assertThat(plan.attributionWindow().days()).isEqualTo(30);
        assertThat(plan.objective()).isEmpty();
        assertThat(plan.needsTacticalMembership()).isFalse();
    }

    @Test
    void aPlanNeedsANameAndAtLeastOneAction() {
        assertThatThrownBy(() -> new CampaignPlan(" ", null, Target.segment("at_risk"), EMAIL, null, null, null, null))
                .isInstanceOf(InvalidCampaign.class).extracting("field").isEqualTo("name");
        assertThatThrownBy(() -> new CampaignPlan("x", null, Target.segment("at_risk"), List.of(), null, null, null, null))
                .isInstanceOf(InvalidCampaign.class).hasMessageContaining("1 to 10 actions").extracting("field").isEqualTo("actions");
    }

    @Test
    void anObjectiveHasAtMost500CharactersLikeASegmentsGoal() {
        assertThat(new CampaignPlan("x", " " + "o".repeat(500) + " ", Target.segment("at_risk"), EMAIL, null, null, null, null).objective())
                .hasSize(500);
        assertThatThrownBy(() -> new CampaignPlan("x", "o".repeat(501), Target.segment("at_risk"), EMAIL, null, null, null, null))
                .isInstanceOf(InvalidCampaign.class).hasMessage("the objective has 501 characters; at most 500 are allowed")
                .extracting("field").isEqualTo("objective");
    }

    @Test
    void anOfferNeedsADiscountAndAMessageMustNotHaveOne() {
        assertThatThrownBy(() -> Action.of(Channel.OFFER, "WINBACK", null, "actions[0]")).isInstanceOf(InvalidCampaign.class)
                .hasMessageContaining("needs a discountPercent").extracting("field").isEqualTo("actions[0].discountPercent");
        assertThatThrownBy(() -> Action.of(Channel.SMS, "Hi", BigDecimal.TEN, "actions[1]")).isInstanceOf(InvalidCampaign.class)
                .hasMessageContaining("only an offer has a discountPercent");
        assertThatThrownBy(() -> Action.of(Channel.OFFER, "WINBACK", new BigDecimal("120"), "actions[0]")).isInstanceOf(InvalidCampaign.class)
                .hasMessageContaining("at most 100");
        assertThat(Action.of(Channel.OFFER, "WINBACK15", new BigDecimal("15"), "a").discountPercent()).contains(new BigDecimal("15"));
    }

    @Test
    void anActionNeedsContent() {
        assertThatThrownBy(() -> Action.of(Channel.EMAIL, "  ", null, "actions[2]")).isInstanceOf(InvalidCampaign.class)
                .extracting("field").isEqualTo("actions[2].content");
    }

    @Test
    void anUnknownChannelIsRefusedListingTheKnownOnes() {
        assertThatThrownBy(() -> Channel.parse("fax", "actions[0].channel")).isInstanceOf(InvalidCampaign.class)
                .hasMessageContaining("[email, sms, push, in_app, call, offer]");
        assertThat(Channel.parse("In_App", "c")).isEqualTo(Channel.IN_APP);
    }

    @Test
    void eachChannelNeedsItsConsent() {
        assertThat(Channel.EMAIL.consent()).isEqualTo(Consent.EMAIL_OPT_IN);
        assertThat(Channel.SMS.consent()).isEqualTo(Consent.SMS_OPT_IN);
        assertThat(Channel.CALL.consent()).isEqualTo(Consent.SMS_OPT_IN);
        assertThat(Channel.PUSH.consent()).isEqualTo(Consent.PUSH_OPT_IN);
        assertThat(Channel.IN_APP.consent()).isEqualTo(Consent.PUSH_OPT_IN);
        assertThat(Channel.OFFER.consent()).isEqualTo(Consent.NOT_NEEDED);
    }

    @Test
    void aTacticalNarrowingOrTacticalActionsNeedTacticalMembership() {
        CampaignPlan narrowed = new CampaignPlan("x", null, new Target("at_risk", 7L), EMAIL, null, null, null, null);
        CampaignPlan perTactical = new CampaignPlan("x", null, Target.segment("at_risk"), EMAIL,
                List.of(new TacticalAction(3, new Action.Message(Channel.SMS, "Hi"))), null, null, null);

        assertThat(narrowed.needsTacticalMembership()).isTrue();
        assertThat(narrowed.target().tacticalSegment()).contains(7L);
        assertThat(perTactical.needsTacticalMembership()).isTrue();
    }

    @Test
    void aTacticalSegmentGetsAtMostOneAction() {
        TacticalAction sms = new TacticalAction(3, new Action.Message(Channel.SMS, "Hi"));

        assertThatThrownBy(() -> new CampaignPlan("x", null, Target.segment("at_risk"), EMAIL, List.of(sms, sms), null, null, null))
                .isInstanceOf(InvalidCampaign.class).hasMessageContaining("tactical segment 3 has two actions");
    }

    @Test
    void theTargetMustBeASegmentKey() {
        assertThatThrownBy(() -> Target.segment("At Risk")).isInstanceOf(InvalidCampaign.class).extracting("field").isEqualTo("targetSegment");
    }

    @Test
    void theAttributionWindowRunsFromTheLaunchForItsDaysExcludingItsEnd() {
        AttributionWindow window = new AttributionWindow(30);

        assertThat(window.contains(Plans.NOW, Plans.NOW)).isTrue();
        assertThat(window.contains(Plans.NOW, Plans.NOW.minusMillis(1))).isFalse();
        assertThat(window.contains(Plans.NOW, window.end(Plans.NOW).minusMillis(1))).isTrue();
        assertThat(window.contains(Plans.NOW, window.end(Plans.NOW))).isFalse();
        assertThatThrownBy(() -> new AttributionWindow(0)).isInstanceOf(InvalidCampaign.class);
    }

    @Test
    void theAudienceCountsMustAddUp() {
        assertThatThrownBy(() -> new AudienceCounts(20, 2, 14, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new AudienceCounts(20, 2, 14, 4).eligible()).isEqualTo(18);
        assertThat(winBack().controlGroup().percent()).isEqualByComparingTo("20");
    }
}
