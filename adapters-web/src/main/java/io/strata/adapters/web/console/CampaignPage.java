package io.strata.adapters.web.console;

import io.strata.application.campaign.AudienceGroup;
import io.strata.application.campaign.AudienceView;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Transition;

import java.time.Instant;
import java.util.List;

/**
 * One campaign as its page shows it: the plan, where it is in its life and what may happen next, and, once launched,
 * the frozen audience and the results.
 */
public record CampaignPage(StoredCampaign stored, String segmentName, String tacticalSegmentName, List<Transition> transitions,
                           boolean editable, Instant scheduledAt, Instant completedAt, Campaign.Cancelled cancelled,
                           AudienceView audience, List<ActionAudience> audienceByAction, ResultsPanel results) {

    /** How many customers of one group got one action of the plan. */
    public record ActionAudience(String group, int number, Action action, long customers) {
    }

    public Campaign campaign() {
        return stored.campaign();
    }

    public CampaignPlan plan() {
        return stored.campaign().plan();
    }

    static CampaignPage of(StoredCampaign stored, String segmentName, String tacticalSegmentName, AudienceView audience, ResultsPanel results) {
        Campaign campaign = stored.campaign();
        List<Transition> next = campaign.allowed().stream().filter(t -> t != Transition.EDIT).toList();
        Instant scheduledAt = campaign instanceof Campaign.Scheduled s ? s.scheduledAt() : campaign instanceof Campaign.Running r ? r.scheduledAt() : null;
        List<ActionAudience> byAction = audience == null ? List.of() : audience.byAction().stream()
                .map(a -> new ActionAudience(a.group() == AudienceGroup.TREATMENT ? "treatment" : "control", a.actionPosition() + 1,
                        campaign.plan().actionAt(a.actionPosition()).orElse(null), a.customers()))
                .toList();
        return new CampaignPage(stored, segmentName, tacticalSegmentName, next, campaign.allowed().contains(Transition.EDIT), scheduledAt,
                campaign instanceof Campaign.Completed c ? c.completedAt() : null, campaign instanceof Campaign.Cancelled x ? x : null,
                audience, byAction, results);
    }
}
