package io.strata.application.campaign;

/**
 * A launch refused because the plan names a tactical segment of another general segment than its target. Plans are
 * checked for this when they are created or edited; a plan stored before that check existed, or a tactical segment
 * whose parent changed since, is caught here, before an audience is frozen that could never contain its members.
 */
public class TacticalSegmentOutsideTarget extends CampaignConflict {

    private final long tacticalSegmentId;
    private final String parentSegment;
    private final String targetSegment;

    public TacticalSegmentOutsideTarget(long campaignId, long tacticalSegmentId, String tacticalSegmentName, String parentSegment,
                                        String targetSegment) {
        super("campaign " + campaignId + " names tactical segment " + tacticalSegmentId + " '" + tacticalSegmentName + "', which lies inside "
                + parentSegment + ", not inside the target segment " + targetSegment + ": a tactical segment is a sub-group of one"
                + " general segment, so none of its members can be in this audience. Cancel the campaign and plan it again with a"
                + " tactical segment of " + targetSegment + " (the tactical segments list shows the segment each one lies inside), or"
                + " with target " + parentSegment, NextStep.CHOOSE_A_TACTICAL_SEGMENT_OF_THE_TARGET);
        this.tacticalSegmentId = tacticalSegmentId;
        this.parentSegment = parentSegment;
        this.targetSegment = targetSegment;
    }

    public long tacticalSegmentId() {
        return tacticalSegmentId;
    }

    public String parentSegment() {
        return parentSegment;
    }

    public String targetSegment() {
        return targetSegment;
    }
}
