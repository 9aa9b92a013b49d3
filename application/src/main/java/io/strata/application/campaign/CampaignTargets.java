package io.strata.application.campaign;

import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.application.tactical.port.out.TacticalSegments;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.tactical.TacticalSegment;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a campaign aims at, read from the other areas: a segment of the active general segmentation, the tactical
 * segments inside it, and the latest completed run that holds their members.
 */
public final class CampaignTargets {

    private final SegmentationDefinitions segmentations;
    private final SegmentationRuns runs;
    private final TacticalSegments tacticalSegments;
    private final TacticalMembership tacticalMembers;

    public CampaignTargets(SegmentationDefinitions segmentations, SegmentationRuns runs, TacticalSegments tacticalSegments,
                           TacticalMembership tacticalMembers) {
        this.segmentations = segmentations;
        this.runs = runs;
        this.tacticalSegments = tacticalSegments;
        this.tacticalMembers = tacticalMembers;
    }

    /** The plan's target is a segment of the active general segmentation, and its tactical segments lie inside it. */
    void check(CampaignPlan plan) {
        checkTargetIsActiveSegment(plan);
        plan.requireTacticalSegmentsInsideTarget(this::tacticalSegment);
    }

    private void checkTargetIsActiveSegment(CampaignPlan plan) {
        GeneralSegmentation active = activeSegmentation().definition();
        if (active.segment(plan.target().segmentKey()).isEmpty()) {
            throw new InvalidCampaign("targetSegment", "'" + plan.target().segmentKey() + "' is not a segment of the active general segmentation "
                    + active.name() + "; its segments are " + active.keys());
        }
    }

    StoredSegmentation activeSegmentation() {
        return segmentations.active().orElseThrow(() -> new CampaignConflict("no general segmentation is active, and campaigns are planned"
                + " against its segments; create a general segmentation and activate it first", NextStep.ACTIVATE_A_SEGMENTATION));
    }

    Optional<StoredRun> latestCompletedRun() {
        return runs.latestCompleted().flatMap(runs::find);
    }

    Optional<StoredRun> latestRunOf(long segmentationId) {
        // sizes only from a run of the active segmentation: another segmentation's counts would mislabel its segments
        return latestCompletedRun().filter(run -> run.segmentationId() == segmentationId);
    }

    private Optional<TacticalSegment> tacticalSegment(long id) {
        return tacticalSegments.find(id).map(StoredTacticalSegment::segment);
    }

    /**
     * A draft is scheduled only while every tactical segment it names is active: a scheduled campaign can no longer be
     * edited, and once a run has computed memberships without an archived segment it could never launch. Before
     * session 56 such a draft was scheduled, and its launch was then refused for good with "run the segmentation
     * again", which could not help.
     */
    void requireActiveTacticalSegments(long campaignId, CampaignPlan plan) {
        for (long id : plan.tacticalSegmentIds()) {
            Optional<TacticalSegment> tactical = tacticalSegment(id);
            if (tactical.isPresent() && !tactical.get().isActive()) {
                throw new CampaignConflict("campaign " + campaignId + " names tactical segment " + id + " '" + tactical.get().name()
                        + "', which was archived after the campaign was planned, so runs no longer compute its members and the"
                        + " campaign could not launch once a run has computed memberships without it; edit the draft to name an"
                        + " active tactical segment of " + plan.target().segmentKey() + " (or none), then schedule it",
                        NextStep.CHOOSE_A_TACTICAL_SEGMENT_OF_THE_TARGET);
            }
        }
    }

    /**
     * The plan's tactical segments must lie inside the target, and their members must have been computed in the run
     * the audience is frozen from: otherwise a narrowed audience would be silently empty, and a tactical segment's
     * members would silently get the default actions.
     */
    void requireTacticalMembersIn(long runId, long campaignId, CampaignPlan plan) {
        if (!plan.needsTacticalMembership()) {
            return;
        }
        Set<Long> computed = tacticalMembers.sizes(runId).stream().map(RunSize::tacticalId).collect(Collectors.toSet());
        for (long id : plan.tacticalSegmentIds()) {
            Optional<TacticalSegment> tactical = tacticalSegment(id);
            if (tactical.isPresent() && !plan.target().contains(tactical.get())) {
                throw new TacticalSegmentOutsideTarget(campaignId, id, tactical.get().name(), tactical.get().parentSegment(),
                        plan.target().segmentKey());
            }
            if (!computed.contains(id) && tactical.isPresent() && !tactical.get().isActive()) {
                throw new CampaignConflict("campaign " + campaignId + " names tactical segment " + id + " '" + tactical.get().name()
                        + "', which is archived: no run computes its members any more, and run " + runId + ", the latest completed run,"
                        + " has none, so running the segmentation again would not help. Cancel the campaign and plan it again with an"
                        + " active tactical segment of " + plan.target().segmentKey(), NextStep.CHOOSE_A_TACTICAL_SEGMENT_OF_THE_TARGET);
            }
            if (!computed.contains(id)) {
                String named = tactical.map(t -> "tactical segment " + id + " '" + t.name() + "'").orElse("tactical segment " + id);
                throw new CampaignConflict("campaign " + campaignId + " names " + named + ", but run " + runId + ", the latest completed"
                        + " run, has no members computed for it (it did not exist yet when that run computed memberships, or its rule"
                        + " could not be evaluated then), so its members are unknown; run the segmentation again"
                        + " and launch then", NextStep.RUN_THE_SEGMENTATION);
            }
        }
    }
}
