package io.strata.application.segmentation.port.in;

import io.strata.application.segmentation.SegmentationTrend;

/** In-port: how segments moved over runs. */
public interface FollowTrends {

    /** At most this many of the latest completed runs are shown. */
    int RUNS = 12;

    /** The segmentation's latest completed runs and its segments' sizes, shares and flows over them. */
    SegmentationTrend trendOf(long segmentationId);
}
