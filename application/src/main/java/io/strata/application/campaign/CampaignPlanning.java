package io.strata.application.campaign;

import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.campaign.port.out.StoredDestinations;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Transition;
import io.strata.domain.edit.Revision;
import io.strata.domain.segmentation.SegmentCount;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Plans campaigns against the segments of the active general segmentation. */
public final class CampaignPlanning implements PlanCampaigns {

    private final StoredCampaigns stored;
    private final CampaignChanges changes;
    private final CampaignTargets targets;
    private final StoredDestinations destinations;

    public CampaignPlanning(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets, StoredDestinations destinations) {
        this.stored = stored;
        this.changes = changes;
        this.targets = targets;
        this.destinations = destinations;
    }

    @Override
    public StoredCampaign create(CampaignPlan plan) {
        targets.check(plan);
        return campaign(changes.create(plan, () -> requireKnownDestinations(plan)));
    }

    @Override
    public StoredCampaign edit(long id, CampaignPlan plan, List<Revision> seen) {
        StoredCampaign now = campaign(id);
        // a stale editor hears first that someone changed it: their change may be why it is no draft any more
        changes.requireSeen(now.campaign(), seen);
        now.campaign().require(Transition.EDIT);
        targets.check(plan);
        return changes.change(id, seen, current -> {
            requireKnownDestinations(plan);
            return current.edit(plan);
        });
    }

    /**
     * An action that names a destination names one that exists (400 at the action's field otherwise). Checked in the
     * unit of work that stores the plan, holding destinations against deletion ({@link StoredDestinations#lockForUse}):
     * checked before it, a destination deleted in between was stored as none (the action silently went to the
     * channel's default), and one deleted at the same moment answered the deletion or the campaign 500 on the
     * foreign key (session 56's probe).
     */
    private void requireKnownDestinations(CampaignPlan plan) {
        if (plan.actions().stream().noneMatch(action -> action.destination().isPresent())
                && plan.tacticalActions().stream().noneMatch(tactical -> tactical.action().destination().isPresent())) {
            return;
        }
        destinations.lockForUse();
        for (int i = 0; i < plan.actions().size(); i++) {
            requireKnown(plan.actions().get(i), "actions[" + i + "].destination");
        }
        for (int i = 0; i < plan.tacticalActions().size(); i++) {
            requireKnown(plan.tacticalActions().get(i).action(), "tacticalActions[" + i + "].destination");
        }
    }

    private void requireKnown(Action action, String field) {
        action.destination().filter(name -> destinations.named(name).isEmpty()).ifPresent(name -> {
            throw new InvalidCampaign(field, field + " '" + name + "' is not a destination; name one of "
                    + destinations.all().stream().map(StoredDestination::name).toList()
                    + ", or leave it out to use the channel's default destination");
        });
    }

    @Override
    public StoredCampaign campaign(long id) {
        return stored.campaign(id);
    }

    @Override
    public List<StoredCampaign> campaigns(CampaignSelection selection, Long before, int limit) {
        return stored.newest(selection, before, limit);
    }

    @Override
    public ActionPlan actionPlan() {
        StoredSegmentation active = targets.activeSegmentation();
        Optional<StoredRun> latest = targets.latestRunOf(active.id());
        Map<String, Long> sizes = latest.map(run -> run.segments().stream().collect(Collectors.toMap(SegmentCount::key, SegmentCount::customers)))
                .orElse(Map.of());
        Map<String, Long> counts = stored.countsByTarget();
        List<ActionPlan.SegmentPlan> segments = active.definition().segmentsByRank().stream()
                .map(segment -> new ActionPlan.SegmentPlan(segment, latest.isPresent() ? sizes.getOrDefault(segment.key(), 0L) : null,
                        counts.getOrDefault(segment.key(), 0L), counts.containsKey(segment.key())
                                ? stored.newest(CampaignSelection.targeting(segment.key()), null, ActionPlan.CAMPAIGNS_SHOWN) : List.of()))
                .toList();
        return new ActionPlan(active.id(), active.definition().name(), latest.map(StoredRun::runId).orElse(null), segments);
    }
}
