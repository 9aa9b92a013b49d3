package io.strata.domain.segmentation;

import io.strata.domain.history.CustomerHistory;
import io.strata.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The reference evaluator of general segmentations: readable, in memory, and the specification the database engine
 * must agree with customer by customer. Metrics come from {@link io.strata.domain.metrics.CustomerMetrics#asOf}.
 */
public final class SegmentationReference {

    /** Segments with less than 1% of the customers are flagged as small. */
    public static final BigDecimal DEFAULT_MINIMUM_SHARE = new BigDecimal("0.01");

    private final ConditionEvaluator conditions;
    private final BigDecimal minimumShare;

    public SegmentationReference(ConditionEvaluator conditions, BigDecimal minimumShare) {
        this.conditions = Objects.requireNonNull(conditions, "condition evaluator");
        this.minimumShare = Objects.requireNonNull(minimumShare, "minimum share");
        if (minimumShare.signum() < 0 || minimumShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("the minimum share is a fraction between 0 and 1, e.g. 0.01 for 1%");
        }
    }

    public SegmentationReference(ConditionEvaluator conditions) {
        this(conditions, DEFAULT_MINIMUM_SHARE);
    }

    /** For RFM and tier bases, which need no rule evaluator. */
    public static SegmentationReference withoutConditions() {
        return new SegmentationReference(ConditionEvaluator.NONE);
    }

    /** Assigns every customer of the population (the whole base: scores rank customers against each other). */
    public SegmentationResult run(GeneralSegmentation segmentation, LocalDate asOf, Collection<CustomerHistory> population) {
        Objects.requireNonNull(asOf, "asOf");
        Set<CustomerId> seen = new HashSet<>();
        List<CustomerContext> contexts = new ArrayList<>(population.size());
        for (CustomerHistory history : population) {
            if (!seen.add(history.id())) {
                throw new IllegalArgumentException("customer " + history.id() + " appears twice in the population");
            }
            contexts.add(CustomerContext.of(asOf, history));
        }
        contexts.sort(Comparator.comparing(CustomerContext::customerId));
        List<Assignment> assignments = segmentation.basis().assign(contexts, conditions);
        return new SegmentationResult(asOf, assignments, summarise(segmentation, assignments));
    }

    List<SegmentSummary> summarise(GeneralSegmentation segmentation, List<Assignment> assignments) {
        List<SegmentCount> counts = new ArrayList<>();
        for (Segment segment : segmentation.segmentsByRank()) {
            List<Assignment> members = assignments.stream().filter(a -> a.segmentKey().equals(segment.key())).toList();
            BigDecimal revenue = members.stream().map(a -> a.metrics().monetary()).reduce(BigDecimal.ZERO, BigDecimal::add);
            long orders = members.stream().mapToLong(a -> a.metrics().frequency()).sum();
            counts.add(new SegmentCount(segment.key(), segment.name(), segment.rank(), members.size(), revenue, orders));
        }
        return SegmentCount.summarise(counts, minimumShare);
    }
}
