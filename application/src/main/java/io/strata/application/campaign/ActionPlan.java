package io.strata.application.campaign;

import io.strata.domain.segmentation.Segment;

import java.util.List;

/**
 * The active general segmentation as a to-do list: per segment its goal, its size in the latest completed run of
 * that segmentation ({@code null} before one), how many campaigns target it and the newest of them (at most
 * {@link #CAMPAIGNS_SHOWN}; the segment's page and the campaign list page through the rest).
 */
public record ActionPlan(long segmentationId, String segmentationName, Long runId, List<SegmentPlan> segments) {

    /** The campaigns a segment's plan names: its newest ones. */
    public static final int CAMPAIGNS_SHOWN = 10;

    public ActionPlan {
        segments = List.copyOf(segments);
    }

    public record SegmentPlan(Segment segment, Long customers, long campaignCount, List<StoredCampaign> campaigns) {

        public SegmentPlan {
            campaigns = List.copyOf(campaigns);
        }
    }
}
