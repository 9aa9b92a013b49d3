package io.strata.domain.segmentation;

import io.strata.domain.customer.CustomerId;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the reference evaluator computed for one as-of date: each customer's assignment and each segment's summary. */
public record SegmentationResult(LocalDate asOf, List<Assignment> assignments, List<SegmentSummary> summaries) {

    public SegmentationResult {
        Objects.requireNonNull(asOf, "asOf");
        assignments = List.copyOf(assignments);
        summaries = List.copyOf(summaries);
    }

    public long customers() {
        return assignments.size();
    }

    public Optional<Assignment> assignmentOf(CustomerId customerId) {
        return assignments.stream().filter(a -> a.customerId().equals(customerId)).findFirst();
    }

    public SegmentSummary summaryOf(String segmentKey) {
        return summaries.stream().filter(s -> s.key().equals(segmentKey)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no segment '" + segmentKey + "' in this run"));
    }

    public List<SegmentSummary> smallSegments() {
        return summaries.stream().filter(SegmentSummary::small).toList();
    }
}
