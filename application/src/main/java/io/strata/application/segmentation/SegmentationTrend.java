package io.strata.application.segmentation;

import java.time.LocalDate;
import java.util.List;

/** A segmentation's latest completed runs (oldest first) and each of its segments over them, in value order. */
public record SegmentationTrend(long segmentationId, List<RunPoint> runs, List<SegmentTrend> segments) {

    public record RunPoint(long runId, LocalDate asOf, long customers) {
    }

    public SegmentationTrend {
        runs = List.copyOf(runs);
        segments = List.copyOf(segments);
    }
}
