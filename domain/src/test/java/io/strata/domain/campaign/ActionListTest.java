package io.strata.domain.campaign;

import io.strata.domain.tactical.TacticalSegment;
import io.strata.domain.tactical.TacticalStatus;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Which action list a member of the target gets, which action of it, and which tactical segments a plan may name. */
class ActionListTest {

    private static final long TV = 7;
    private static final long PARIS = 9;
    private static final Action EMAIL = new Action.Message(Channel.EMAIL, "template:winback-1");
    private static final Action OFFER = new Action.Offer(new BigDecimal("15"), "WB15");
    private static final Action SMS = new Action.Message(Channel.SMS, "TV night");
    private static final Action PUSH = new Action.Message(Channel.PUSH, "Paris event");

    /** Default actions email then offer; smart TV viewers get an SMS, Paris customers a push, in that order. */
    private static final CampaignPlan PLAN = new CampaignPlan("Win back", null, Target.segment("at_risk"), List.of(EMAIL, OFFER),
            List.of(new TacticalAction(TV, SMS), new TacticalAction(PARIS, PUSH)), null, null, null);

    @Test
    void theListsAreTheDefaultActionsThenOnePerTacticalSegmentInPlanOrder() {
        assertThat(PLAN.actionLists()).containsExactly(ActionList.DEFAULT, new ActionList.Tactical(TV), new ActionList.Tactical(PARIS));
        assertThat(PLAN.actionsOf(ActionList.DEFAULT)).containsExactly(EMAIL, OFFER);
        assertThat(PLAN.actionsOf(new ActionList.Tactical(PARIS))).containsExactly(PUSH);
        assertThat(ActionList.of(null)).isEqualTo(ActionList.DEFAULT);
        assertThat(ActionList.of(TV).tacticalSegment()).contains(TV);
    }

    @Test
    void aMemberOfSeveralTacticalSegmentsGetsTheFirstOneInPlanOrderAndOthersTheDefaultActions() {
        assertThat(PLAN.actionListFor(Set.of(PARIS, TV))).isEqualTo(new ActionList.Tactical(TV));
        assertThat(PLAN.actionListFor(Set.of(PARIS))).isEqualTo(new ActionList.Tactical(PARIS));
        // a tactical segment without an action of its own does not change the list
        assertThat(PLAN.actionListFor(Set.of(3L))).isEqualTo(ActionList.DEFAULT);
        assertThat(PLAN.actionListFor(Set.of())).isEqualTo(ActionList.DEFAULT);
    }

    @Test
    void aMemberGetsTheFirstActionOfTheirListTheyConsentedToAndNoOtherListsAction() {
        assertThat(PLAN.actionFor(ActionList.DEFAULT, Set.of(Consent.EMAIL_OPT_IN))).contains(EMAIL);
        assertThat(PLAN.actionFor(ActionList.DEFAULT, Set.of())).as("an offer needs no consent").contains(OFFER);
        assertThat(PLAN.actionFor(new ActionList.Tactical(TV), Set.of(Consent.SMS_OPT_IN))).contains(SMS);
        // email and push consent reach the default list and the Paris push, but a TV viewer's list is the SMS: excluded
        assertThat(PLAN.actionFor(new ActionList.Tactical(TV), Set.of(Consent.EMAIL_OPT_IN, Consent.PUSH_OPT_IN))).isEmpty();
    }

    @Test
    void theTacticalSegmentsOfAPlanAreNamedOnceNarrowingFirst() {
        CampaignPlan narrowed = new CampaignPlan("x", null, new Target("at_risk", PARIS), List.of(EMAIL),
                List.of(new TacticalAction(TV, SMS), new TacticalAction(PARIS, PUSH)), null, null, null);

        assertThat(narrowed.tacticalSegmentIds()).containsExactly(PARIS, TV);
        assertThat(PLAN.tacticalSegmentIds()).containsExactly(TV, PARIS);
    }

    @Test
    void everyTacticalSegmentAPlanNamesMustBeAnActiveSubGroupOfTheTarget() {
        TacticalSegment tv = new TacticalSegment("Smart TV", "at_risk", "device = \"smart_tv\"", "", TacticalStatus.ACTIVE);
        TacticalSegment paris = new TacticalSegment("Paris", "at_risk", "city = \"Paris\"", "", TacticalStatus.ACTIVE);
        TacticalSegment elsewhere = new TacticalSegment("Paris sleepers", "about_to_sleep", "city = \"Paris\"", "", TacticalStatus.ACTIVE);

        assertThatNoException().isThrownBy(() -> PLAN.requireTacticalSegmentsInsideTarget(id -> Optional.ofNullable(Map.of(TV, tv, PARIS, paris).get(id))));
        assertThatThrownBy(() -> PLAN.requireTacticalSegmentsInsideTarget(id -> Optional.ofNullable(Map.of(TV, tv, PARIS, elsewhere).get(id))))
                .isInstanceOf(InvalidCampaign.class).hasMessageContaining("tactical segment 9 'Paris sleepers' lies inside about_to_sleep,"
                        + " not inside the target segment at_risk").hasMessageContaining("choose one of at_risk's tactical segments")
                .extracting("field").isEqualTo("tacticalActions[1].tacticalSegmentId");
        assertThatThrownBy(() -> PLAN.requireTacticalSegmentsInsideTarget(id -> id == TV ? Optional.of(tv.archived()) : Optional.of(paris)))
                .isInstanceOf(InvalidCampaign.class).hasMessageContaining("'Smart TV' is archived")
                .extracting("field").isEqualTo("tacticalActions[0].tacticalSegmentId");
        assertThatThrownBy(() -> new CampaignPlan("x", null, new Target("at_risk", 99L), List.of(EMAIL), null, null, null, null)
                .requireTacticalSegmentsInsideTarget(id -> Optional.empty()))
                .isInstanceOf(InvalidCampaign.class).hasMessageContaining("there is no tactical segment 99")
                .extracting("field").isEqualTo("tacticalSegmentId");
    }
}
