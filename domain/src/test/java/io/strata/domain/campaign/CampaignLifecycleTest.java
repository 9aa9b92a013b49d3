package io.strata.domain.campaign;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.strata.domain.campaign.Plans.NOW;
import static io.strata.domain.campaign.Plans.launch;
import static io.strata.domain.campaign.Plans.winBack;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CampaignLifecycleTest {

    private final Campaign.Draft draft = Campaign.draft(1, winBack());

    @Test
    void aCampaignGoesFromDraftThroughScheduledAndRunningToCompleted() {
        Campaign.Scheduled scheduled = draft.schedule(NOW, null);
        Campaign.Running running = scheduled.launch(launch());
        Campaign.Completed completed = running.complete(NOW.plusSeconds(3600));

        assertThat(scheduled.state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(running.state()).isEqualTo(CampaignState.RUNNING);
        assertThat(completed.state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(completed.launched()).contains(launch());
        assertThat(completed.plan()).isEqualTo(draft.plan());
    }

    @Test
    void onlyADraftCanBeEditedAndEditingKeepsItADraft() {
        CampaignPlan renamed = new CampaignPlan("Renamed", "", Target.segment("hibernating"), winBack().actions(), null, null, null, null);

        Campaign.Draft edited = draft.edit(renamed);

        assertThat(edited.plan().name()).isEqualTo("Renamed");
        assertThat(edited.state()).isEqualTo(CampaignState.DRAFT);
        assertThatThrownBy(() -> draft.schedule(NOW, null).edit(renamed)).isInstanceOf(IllegalTransition.class)
                .hasMessage("campaign 1 is SCHEDULED and cannot edit; from SCHEDULED it can only launch or cancel");
    }

    @Test
    void aDraftCannotBeLaunchedWithoutBeingScheduledFirst() {
        assertThatThrownBy(() -> draft.launch(launch())).isInstanceOf(IllegalTransition.class)
                .hasMessage("campaign 1 is DRAFT and cannot launch; from DRAFT it can only edit or schedule or cancel");
    }

    @Test
    void aDraftCannotBeCompleted() {
        assertThatThrownBy(() -> draft.complete(NOW)).isInstanceOf(IllegalTransition.class).hasMessageContaining("cannot complete");
    }

    @Test
    void aScheduledCampaignCannotBeScheduledAgainOrCompleted() {
        Campaign.Scheduled scheduled = draft.schedule(NOW, null);

        assertThatThrownBy(() -> scheduled.schedule(NOW, null)).isInstanceOf(IllegalTransition.class).hasMessageContaining("cannot schedule");
        assertThatThrownBy(() -> scheduled.complete(NOW)).isInstanceOf(IllegalTransition.class).hasMessageContaining("cannot complete");
    }

    @Test
    void aRunningCampaignCanOnlyBeCompleted() {
        Campaign running = draft.schedule(NOW, null).launch(launch());

        assertThat(running.allowed()).containsExactly(Transition.COMPLETE);
        assertThatThrownBy(() -> running.edit(winBack())).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> running.schedule(NOW, null)).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> running.launch(launch())).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> running.cancel(NOW, "")).isInstanceOf(IllegalTransition.class)
                .hasMessage("campaign 1 is RUNNING and cannot cancel; from RUNNING it can only complete");
    }

    @Test
    void aCancelReasonHasAtMost500Characters() {
        assertThat(((Campaign.Cancelled) draft.cancel(NOW, "r".repeat(500))).reason()).hasSize(500);
        assertThatThrownBy(() -> draft.cancel(NOW, "r".repeat(501))).isInstanceOf(InvalidCampaign.class)
                .hasMessage("the reason has 501 characters; at most 500 are allowed").extracting("field").isEqualTo("reason");
    }

    @Test
    void completedAndCancelledCampaignsAreFinal() {
        Campaign completed = draft.schedule(NOW, null).launch(launch()).complete(NOW);
        Campaign cancelled = draft.cancel(NOW, "budget cut");

        for (Campaign end : new Campaign[] {completed, cancelled}) {
            assertThat(end.allowed()).isEmpty();
            for (Transition transition : Transition.values()) {
                assertThatThrownBy(() -> end.require(transition)).isInstanceOf(IllegalTransition.class)
                        .hasMessageContaining("it is final");
            }
        }
    }

    @Test
    void theRefusalNamesTheCurrentStateAndTheAllowedNextSteps() {
        IllegalTransition refusal = (IllegalTransition) catchRefusal(() -> draft.schedule(NOW, null).complete(NOW));

        assertThat(refusal.current()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(refusal.attempted()).isEqualTo(Transition.COMPLETE);
        assertThat(refusal.allowed()).containsExactly(Transition.LAUNCH, Transition.CANCEL);
    }

    @Test
    void draftsAndScheduledCampaignsCanBeCancelledAndRememberFromWhere() {
        Campaign.Cancelled fromDraft = draft.cancel(NOW, " budget cut ");
        Campaign.Cancelled fromScheduled = draft.schedule(NOW, null).cancel(NOW, null);

        assertThat(fromDraft.cancelledFrom()).isEqualTo(CampaignState.DRAFT);
        assertThat(fromDraft.reason()).isEqualTo("budget cut");
        assertThat(fromScheduled.cancelledFrom()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(fromScheduled.launched()).isEmpty();
    }

    @Test
    void schedulingTakesTheGivenStartTimeButRefusesOneInThePast() {
        Instant tomorrow = NOW.plusSeconds(86_400);

        assertThat(draft.schedule(NOW, tomorrow).plan().startAt()).isEqualTo(tomorrow);
        assertThatThrownBy(() -> draft.schedule(NOW, NOW.minusSeconds(1))).isInstanceOf(InvalidCampaign.class)
                .hasMessageContaining("is in the past");
    }

    @Test
    void eachStateAllowsExactlyItsTransitions() {
        assertThat(draft.allowed()).containsExactly(Transition.EDIT, Transition.SCHEDULE, Transition.CANCEL);
        assertThat(draft.schedule(NOW, null).allowed()).containsExactly(Transition.LAUNCH, Transition.CANCEL);
    }

    private static RuntimeException catchRefusal(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the transition was not refused");
    }
}
