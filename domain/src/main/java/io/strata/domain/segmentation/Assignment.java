package io.strata.domain.segmentation;

import io.strata.domain.customer.CustomerId;
import io.strata.domain.metrics.CustomerMetrics;

import java.util.Objects;

/**
 * One customer's place in a run: the segment, the RFM scores when the basis is RFM and the customer has bought
 * ({@code null} otherwise), and the metrics as of the run's date.
 */
public record Assignment(CustomerId customerId, String segmentKey, RfmScores scores, CustomerMetrics metrics) {

    public Assignment {
        Objects.requireNonNull(customerId, "customer id");
        Objects.requireNonNull(segmentKey, "segment key");
        Objects.requireNonNull(metrics, "metrics");
        if (scores != null && !metrics.hasPurchased()) {
            throw new IllegalArgumentException("customer " + customerId + " has no purchase and so no scores");
        }
    }

    public Integer r() {
        return scores == null ? null : scores.r();
    }

    public Integer f() {
        return scores == null ? null : scores.f();
    }

    /**
     * The contract's score column {@code m}: the third score, which is M (monetary) in classic RFM and P (product
     * breadth) when the basis scores categories; {@link #p()} and {@link #thirdDimension()} tell them apart.
     */
    public Integer m() {
        return scores == null ? null : scores.third();
    }

    /** The P score when the basis scores product breadth, else {@code null}. */
    public Integer p() {
        return scores == null || scores.thirdDimension() != ThirdDimension.PRODUCT ? null : scores.third();
    }

    public ThirdDimension thirdDimension() {
        return scores == null ? null : scores.thirdDimension();
    }
}
