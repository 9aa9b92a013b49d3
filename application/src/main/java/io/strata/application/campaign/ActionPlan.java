package io.strata.application.campaign;

import io.strata.domain.segmentation.Segment;

import java.util.List;

/**
 * The active general segmentation as a to-do list: per segment its goal, its size in the latest completed run of
 * that segmentation ({@code null} before one), and the campaigns targeting it.
 */
public record ActionPlan(long segmentationId, String segmentationName, Long runId, List<SegmentPlan> segments) {

    public ActionPlan {
        segments = List.copyOf(segments);
    }

    public record SegmentPlan(Segment segment, Long customers, List<StoredCampaign> campaigns) {

        public SegmentPlan {
            campaigns = List.copyOf(campaigns);
        }
    }
}
