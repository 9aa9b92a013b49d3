package io.strata.domain.segmentation;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A segment's size and worth in one run. {@code revenue} sums its members' monetary; {@code orders} sums their
 * frequency. Shares, averages and the average order value are rounded half-up to 4 places and are {@code null}
 * where undefined: shares of an empty base, revenue share when total revenue is not positive, averages of an
 * empty segment, order value without orders. {@code small} flags a segment whose share of customers is below the
 * run's minimum share: too small to be worth its own campaign.
 */
public record SegmentSummary(String key, String name, int rank, long customers, BigDecimal revenue, long orders,
                             BigDecimal shareOfCustomers, BigDecimal shareOfRevenue, BigDecimal averageOrderValue,
                             BigDecimal averageFrequency, boolean small) {

    public SegmentSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(revenue, "revenue");
        if (customers < 0 || orders < 0) {
            throw new IllegalArgumentException("customers and orders cannot be negative");
        }
    }
}
