package io.strata.application.segmentation;

import io.strata.domain.segmentation.SegmentSummary;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A run as the API shows it: status, size, and per segment its customers and revenue, in value order. */
public record SegmentationRunView(long runId, long segmentationId, String segmentationName, RunStatus status, LocalDate asOf,
                                  Instant startedAt, Instant finishedAt, Long customers, String error,
                                  List<SegmentSummary> segments) {

    public SegmentationRunView {
        segments = List.copyOf(segments);
    }
}
