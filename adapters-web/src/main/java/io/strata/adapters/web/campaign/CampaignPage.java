package io.strata.adapters.web.campaign;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.AudienceView;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Transition;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One campaign as its page shows it: the plan, where it is in its life and what may happen next, and, once launched,
 * the frozen audience and the results. {@code listNames} names an action list as the page shows it: "Default actions"
 * or the tactical segment's name.
 */
public record CampaignPage(StoredCampaign stored, String segmentName, String tacticalSegmentName, List<Transition> transitions,
                           boolean editable, Instant scheduledAt, Instant completedAt, Campaign.Cancelled cancelled,
                           AudienceView audience, List<ActionAudience> audienceByAction, ResultsPanel results,
                           Function<ActionList, String> listNames) {

    /** How many customers of one group got one action of the plan, and from which action list. */
    public record ActionAudience(String group, String actionList, int number, Action action, long customers) {
    }

    public Campaign campaign() {
        return stored.campaign();
    }

    public CampaignPlan plan() {
        return stored.campaign().plan();
    }

    /** The tactical segment's name for a tactical action of the plan. */
    public String tacticalSegmentName(long tacticalSegmentId) {
        return listNames.apply(new ActionList.Tactical(tacticalSegmentId));
    }

    static CampaignPage of(StoredCampaign stored, String segmentName, String tacticalSegmentName, AudienceView audience, ResultsPanel results,
                           Function<ActionList, String> listNames) {
        Campaign campaign = stored.campaign();
        List<Transition> next = campaign.allowed().stream().filter(t -> t != Transition.EDIT).toList();
        Instant scheduledAt = campaign instanceof Campaign.Scheduled s ? s.scheduledAt() : campaign instanceof Campaign.Running r ? r.scheduledAt() : null;
        List<ActionAudience> byAction = audience == null ? List.of() : audience.byAction().stream()
                .map(a -> new ActionAudience(a.group() == AudienceGroup.TREATMENT ? "treatment" : "control", listNames.apply(a.actionList()),
                        a.actionPosition() + 1, campaign.plan().actionAt(a.actionPosition()).orElse(null), a.customers()))
                .toList();
        return new CampaignPage(stored, segmentName, tacticalSegmentName, next, campaign.allowed().contains(Transition.EDIT), scheduledAt,
                campaign instanceof Campaign.Completed c ? c.completedAt() : null, campaign instanceof Campaign.Cancelled x ? x : null,
                audience, byAction, results, listNames);
    }
}
