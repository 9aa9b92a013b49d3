package io.strata.application.campaign;

import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Transition;
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

    public CampaignPlanning(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets) {
        this.stored = stored;
        this.changes = changes;
        this.targets = targets;
    }

    @Override
    public StoredCampaign create(CampaignPlan plan) {
        targets.check(plan);
        return campaign(changes.create(plan));
    }

    @Override
    public StoredCampaign edit(long id, CampaignPlan plan) {
        campaign(id).campaign().require(Transition.EDIT);
        targets.check(plan);
        return changes.change(id, current -> current.edit(plan));
    }

    @Override
    public StoredCampaign campaign(long id) {
        return stored.campaign(id);
    }

    @Override
    public List<StoredCampaign> campaigns() {
        return stored.all();
    }

    @Override
    public ActionPlan actionPlan() {
        StoredSegmentation active = targets.activeSegmentation();
        Optional<StoredRun> latest = targets.latestRunOf(active.id());
        Map<String, Long> sizes = latest.map(run -> run.segments().stream().collect(Collectors.toMap(SegmentCount::key, SegmentCount::customers)))
                .orElse(Map.of());
        Map<String, List<StoredCampaign>> byTarget = stored.all().stream()
                .collect(Collectors.groupingBy(c -> c.campaign().plan().target().segmentKey()));
        List<ActionPlan.SegmentPlan> segments = active.definition().segmentsByRank().stream()
                .map(segment -> new ActionPlan.SegmentPlan(segment, latest.isPresent() ? sizes.getOrDefault(segment.key(), 0L) : null,
                        byTarget.getOrDefault(segment.key(), List.of())))
                .toList();
        return new ActionPlan(active.id(), active.definition().name(), latest.map(StoredRun::runId).orElse(null), segments);
    }
}
