package io.strata.adapters.web.campaign;

import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.CampaignPlan;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One reader for the API's JSON body and the console's form: every wrong part gets its message in one round, in the
 * order of the plan's parts, whichever source the plan came from.
 */
class CampaignPlanReaderTest {

    private static final CampaignPlanReader READER = CampaignPlanReader.leavingTacticalSegmentsToTheUseCase();

    @Test
    void aValidBodyIsReadIntoThePlanItDescribes() {
        CampaignBodies.PlanRequest body = new CampaignBodies.PlanRequest("Win back", "bring them back", "at_risk", null,
                List.of(new CampaignBodies.ActionBody("offer", "template:winback", new BigDecimal("15"), null)), null,
                new BigDecimal("20"), 14, Instant.parse("2999-01-01T09:00:00Z"));

        CampaignPlanReader.Reading reading = READER.read(body.parts());

        assertThat(reading.errors().isEmpty()).isTrue();
        CampaignPlan plan = reading.plan();
        assertThat(plan.name()).isEqualTo("Win back");
        assertThat(plan.target().segmentKey()).isEqualTo("at_risk");
        assertThat(plan.actions()).singleElement().satisfies(action -> {
            assertThat(action.channel()).isEqualTo(Channel.OFFER);
            assertThat(action.discountPercent()).hasValue(new BigDecimal("15"));
        });
        assertThat(plan.controlGroup().percent()).isEqualByComparingTo("20");
        assertThat(plan.attributionWindow().days()).isEqualTo(14);
        assertThat(plan.startAt()).isEqualTo(Instant.parse("2999-01-01T09:00:00Z"));
    }

    @Test
    void theApiBodyGetsEveryWrongFieldInOneRoundInTheOrderOfThePlansParts() {
        CampaignBodies.PlanRequest body = new CampaignBodies.PlanRequest("x", null, "Not A Key", null,
                java.util.Arrays.asList(new CampaignBodies.ActionBody("fax", "Hi", null, null), null),
                List.of(new CampaignBodies.TacticalActionBody(null, "sms", "Hi", null, null)), new BigDecimal("60"), 0, null);

        CampaignPlanReader.Reading reading = READER.read(body.parts());

        assertThat(reading.plan()).isNull();
        assertThat(reading.errors().inOrder().keySet()).containsExactly("targetSegment", "actions[0].channel", "actions[1]",
                "tacticalActions[0].tacticalSegmentId", "controlGroupPercent", "attributionWindowDays");
        // the API's answer keeps the domain's words; the console's field messages say the same in the planner's (issue 18, item 7)
        assertThat(reading.errors().inOrder().get("actions[1]")).isEqualTo("actions[1] is empty; give {\"channel\": \"email\", \"content\": \"...\"}");
        assertThat(reading.errors().message("actions[1]")).isEqualTo("Action 2 is empty; give {\"channel\": \"email\", \"content\": \"...\"}");
        assertThat(reading.errors().inOrder().get("tacticalActions[0].tacticalSegmentId"))
                .isEqualTo("tacticalActions[0] needs the tacticalSegmentId it applies to");
        assertThat(reading.errors().message("tacticalActions[0].tacticalSegmentId"))
                .isEqualTo("Tactical action 1 needs the tactical segment it applies to");
        assertThat(reading.errors().message("actions[0].channel")).startsWith("Action 1's channel 'fax' is not a channel; use one of");
    }

    @Test
    void theConsoleFormGetsTheSameChecksAndItsTextIsRefusedInTheDomainsWords() {
        CampaignForm form = CampaignForm.forSegment("Not A Key");
        form.setName("x");
        CampaignForm.ActionRow fax = new CampaignForm.ActionRow();
        fax.setChannel("fax");
        fax.setContent("Hi");
        form.setActions(List.of(fax));
        form.setControlGroupPercent("ten");
        form.setAttributionWindowDays("0");
        form.setStartAt("tomorrow");

        CampaignPlanReader.Reading reading = READER.read(form.parts());

        assertThat(reading.plan()).isNull();
        assertThat(reading.errors().inOrder().keySet()).containsExactly("targetSegment", "actions[0].channel", "controlGroupPercent",
                "attributionWindowDays", "startAt");
        assertThat(reading.errors().message("controlGroupPercent"))
                .isEqualTo("The control group share 'ten' is not a number; give it in digits, e.g. 10 or 12.5");
        assertThat(reading.errors().message("startAt")).isEqualTo("The planned start 'tomorrow' is not a date and time; give it as"
                + " YYYY-MM-DDTHH:MM in UTC, or leave it empty to launch by hand");
    }

    @Test
    void thePlanAsAWholeIsJudgedOnceItsPartsAreValid() {
        CampaignBodies.PlanRequest noName = new CampaignBodies.PlanRequest(null, null, "at_risk", null,
                List.of(new CampaignBodies.ActionBody("sms", "Hi", null, null)), null, null, null, null);
        CampaignBodies.PlanRequest noNameAndAWrongAction = new CampaignBodies.PlanRequest(null, null, "at_risk", null,
                List.of(new CampaignBodies.ActionBody("fax", "Hi", null, null)), null, null, null, null);

        assertThat(READER.read(noName.parts()).errors().inOrder().keySet()).containsExactly("name");
        assertThat(READER.read(noNameAndAWrongAction.parts()).errors().inOrder().keySet()).containsExactly("actions[0].channel");
    }

    @Test
    void aReaderCheckingTacticalSegmentsRefusesOneThatDoesNotExistAtTheFieldThatNamesIt() {
        CampaignForm form = CampaignForm.forSegment("at_risk");
        form.setName("Win back");
        CampaignForm.ActionRow email = new CampaignForm.ActionRow();
        email.setContent("template:winback");
        form.setActions(List.of(email));
        CampaignForm.TacticalActionRow sms = new CampaignForm.TacticalActionRow();
        sms.setTacticalSegmentId("987654");
        sms.setChannel("sms");
        sms.setContent("We miss you");
        form.setTacticalActions(List.of(sms));

        CampaignPlanReader.Reading checked = CampaignPlanReader.checkingTacticalSegments(Map.of()).read(form.parts());
        CampaignPlanReader.Reading unchecked = READER.read(form.parts());

        assertThat(checked.errors().inOrder().keySet()).containsExactly("tacticalActions[0].tacticalSegmentId");
        assertThat(checked.errors().message("tacticalActions[0].tacticalSegmentId")).startsWith("There is no tactical segment 987654; ");
        assertThat(unchecked.errors().isEmpty()).isTrue();
        assertThat(unchecked.plan().tacticalActions()).singleElement().satisfies(t -> assertThat(t.tacticalSegmentId()).isEqualTo(987654L));
    }
}
