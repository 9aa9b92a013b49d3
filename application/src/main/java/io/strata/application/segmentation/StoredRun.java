package io.strata.application.segmentation;

import io.strata.domain.segmentation.SegmentCount;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A run as stored: its state and what it counted per segment, before shares and averages are worked out. */
public record StoredRun(long runId, long segmentationId, String segmentationName, RunStatus status, LocalDate asOf,
                        Instant startedAt, Instant finishedAt, Long customers, String error, List<SegmentCount> segments) {

    public StoredRun {
        segments = List.copyOf(segments);
    }

    /** The run as planners see it; segments under {@code smallSegmentShare} of all customers are marked small. */
    public SegmentationRunView view(BigDecimal smallSegmentShare) {
        return new SegmentationRunView(runId, segmentationId, segmentationName, status, asOf, startedAt, finishedAt, customers, error,
                SegmentCount.summarise(segments, smallSegmentShare));
    }
}
