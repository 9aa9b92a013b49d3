package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The limits of a plan at their exact edges, and the positions a frozen audience numbers actions by. */
class CampaignPlanLimitsTest {

    private static final Action EMAIL = new Action.Message(Channel.EMAIL, "Hello");
    private static final Action SMS = new Action.Message(Channel.SMS, "Hi");
    private static final Action PUSH = new Action.Message(Channel.PUSH, "Hey");

    private static CampaignPlan plan(String name, String objective, List<Action> actions, List<TacticalAction> tactical, Instant startAt) {
        return new CampaignPlan(name, objective, Target.segment("at_risk"), actions, tactical, null, null, startAt);
    }

    @Test
    void aNameHasTwoHundredCharactersAtMostCountedWithoutSurroundingBlanks() {
        assertThat(plan("  " + "n".repeat(200) + "  ", null, List.of(EMAIL), null, null).name()).isEqualTo("n".repeat(200));
        assertThatThrownBy(() -> plan("n".repeat(201), null, List.of(EMAIL), null, null)).isInstanceOf(InvalidCampaign.class)
                .hasMessage("the name has 201 characters; at most 200 are allowed")
                .extracting("field").isEqualTo("name");
        assertThatThrownBy(() -> plan(null, null, List.of(EMAIL), null, null)).isInstanceOf(InvalidCampaign.class);
    }

    @Test
    void aNameOrObjectiveWithAControlCharacterIsRefusedNamingTheField() {
        assertThatThrownBy(() -> plan("Win\u0007back", null, List.of(EMAIL), null, null)).isInstanceOf(InvalidCampaign.class)
                .hasMessageStartingWith("the name holds the control character U+0007 at character 4").extracting("field").isEqualTo("name");
        assertThatThrownBy(() -> plan("Win back", "Bring\u0000them", List.of(EMAIL), null, null)).isInstanceOf(InvalidCampaign.class)
                .hasMessageStartingWith("the objective holds the control character U+0000 at character 6").extracting("field").isEqualTo("objective");
        assertThat(plan("Win back", "line one\nline two\ttabbed", List.of(EMAIL), null, null).objective()).isEqualTo("line one\nline two\ttabbed");
    }

    @Test
    void aPlanHasOneToTenActions() {
        assertThat(plan("x", null, Collections.nCopies(10, EMAIL), null, null).actions()).hasSize(10);
        assertThatThrownBy(() -> plan("x", null, Collections.nCopies(11, EMAIL), null, null)).isInstanceOf(InvalidCampaign.class)
                .extracting("field").isEqualTo("actions");
        assertThatThrownBy(() -> plan("x", null, null, null, null)).isInstanceOf(InvalidCampaign.class).extracting("field").isEqualTo("actions");
    }

    @Test
    void aStartIsBetween1900AndTheEndOfYear9999BothIncluded() {
        Instant earliest = Instant.parse("1900-01-01T00:00:00Z");
        Instant latest = Instant.parse("9999-12-31T23:59:59Z");

        assertThat(plan("x", null, List.of(EMAIL), null, earliest).start()).hasValue(earliest);
        assertThat(plan("x", null, List.of(EMAIL), null, latest).start()).hasValue(latest);
        assertThat(plan("x", null, List.of(EMAIL), null, null).start()).isEmpty();
        assertThatThrownBy(() -> plan("x", null, List.of(EMAIL), null, earliest.minusMillis(1))).isInstanceOf(InvalidCampaign.class)
                .hasMessage("startAt 1899-12-31T23:59:59.999Z is outside the moments a campaign can have, 1900-01-01T00:00:00Z to 9999-12-31T23:59:59Z")
                .extracting("field").isEqualTo("startAt");
        assertThatThrownBy(() -> plan("x", null, List.of(EMAIL), null, latest.plusMillis(1))).isInstanceOf(InvalidCampaign.class)
                .extracting("field").isEqualTo("startAt");
        assertThatThrownBy(() -> CampaignPlan.checkMoment("launchAt", Instant.parse("+10000-01-01T00:00:00Z")))
                .isInstanceOf(InvalidCampaign.class).extracting("field").isEqualTo("launchAt");
    }

    @Test
    void positionsNumberThePlansActionsFirstThenItsTacticalActions() {
        CampaignPlan plan = plan("x", null, List.of(EMAIL, SMS), List.of(new TacticalAction(7, PUSH), new TacticalAction(9, SMS)), null);

        assertThat(plan.actionAt(-1)).isEmpty();
        assertThat(plan.actionAt(0)).hasValue(EMAIL);
        assertThat(plan.actionAt(1)).hasValue(SMS);
        assertThat(plan.actionAt(2)).hasValue(PUSH);
        assertThat(plan.actionAt(3)).hasValue(SMS);
        assertThat(plan.actionAt(4)).isEmpty();
        assertThat(plan("x", null, List.of(EMAIL), null, null).actionAt(1)).isEmpty();
    }

    @Test
    void actionListsAreTheDefaultsThenOnePerTacticalSegmentInPlanOrder() {
        CampaignPlan plan = plan("x", null, List.of(EMAIL, SMS), List.of(new TacticalAction(9, PUSH), new TacticalAction(7, SMS)), null);

        assertThat(plan.actionLists()).containsExactly(ActionList.DEFAULT, new ActionList.Tactical(9), new ActionList.Tactical(7));
        assertThat(plan.actionsOf(ActionList.DEFAULT)).containsExactly(EMAIL, SMS);
        assertThat(plan.actionsOf(new ActionList.Tactical(7))).containsExactly(SMS);
        assertThat(plan.actionsOf(new ActionList.Tactical(9))).containsExactly(PUSH);
        assertThat(plan.actionsOf(new ActionList.Tactical(8))).isEmpty();
    }
}
