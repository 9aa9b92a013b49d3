package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A campaign's texts are bounded in characters (code points), as campaigns.md says and PostgreSQL counts: 200 emoji
 * are a name of 200 characters, though Java holds them in 400 chars (session 60; before, 101 were refused).
 */
class CampaignTextsInCharactersTest {

    private static final String EMOJI = Character.toString(0x1F600);
    private static final Action EMAIL = new Action.Message(Channel.EMAIL, "Hello");

    private static CampaignPlan plan(String name, String objective) {
        return new CampaignPlan(name, objective, Target.segment("at_risk"), List.of(EMAIL), null, null, null, null);
    }

    @Test
    void aNameHas200CharactersAndAnObjective500() {
        assertThat(plan(EMOJI.repeat(200), EMOJI.repeat(500)).name()).isEqualTo(EMOJI.repeat(200));
        assertThatThrownBy(() -> plan(EMOJI.repeat(201), null)).isInstanceOf(InvalidCampaign.class)
                .hasMessage("the name has 201 characters; at most 200 are allowed");
        assertThatThrownBy(() -> plan("x", EMOJI.repeat(501))).isInstanceOf(InvalidCampaign.class)
                .hasMessage("the objective has 501 characters; at most 500 are allowed");
    }

    @Test
    void aCancelReasonHas500Characters() {
        Campaign.Draft draft = Campaign.draft(1, plan("x", null));
        assertThat(((Campaign.Cancelled) draft.cancel(Plans.NOW, EMOJI.repeat(500))).reason()).isEqualTo(EMOJI.repeat(500));
        assertThatThrownBy(() -> draft.cancel(Plans.NOW, EMOJI.repeat(501))).isInstanceOf(InvalidCampaign.class)
                .hasMessage("the reason has 501 characters; at most 500 are allowed");
    }

    @Test
    void contentHas2000CharactersCountedAsStored() {
        assertThat(Action.of(Channel.EMAIL, EMOJI.repeat(2000), null, "actions[0]")).isEqualTo(new Action.Message(Channel.EMAIL, EMOJI.repeat(2000)));
        // stored stripped, so counted stripped
        assertThat(Action.of(Channel.EMAIL, "  " + EMOJI.repeat(2000) + "  ", null, "actions[0]").content()).isEqualTo(EMOJI.repeat(2000));
        assertThatThrownBy(() -> Action.of(Channel.EMAIL, EMOJI.repeat(2001), null, "actions[0]")).isInstanceOf(InvalidCampaign.class)
                .hasMessageStartingWith("actions[0].content has 2001 characters; at most 2000 are allowed");
    }
}
