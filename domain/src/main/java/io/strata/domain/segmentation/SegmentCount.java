package io.strata.domain.segmentation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a run counted in one segment: customers, their revenue and orders. {@link #summarise} is the one place where
 * counts become summaries with shares and averages, for the reference evaluator and for stored runs alike.
 */
public record SegmentCount(String key, String name, int rank, long customers, BigDecimal revenue, long orders) {

    /** Shares and averages are kept to 4 places, half-up; {@code null} where the denominator is zero. */
    public static final int SCALE = 4;

    public SegmentCount {
        Objects.requireNonNull(key, "segment key");
        Objects.requireNonNull(revenue, "revenue");
        if (customers < 0 || orders < 0) {
            throw new IllegalArgumentException("segment " + key + " counts " + customers + " customers and " + orders + " orders");
        }
    }

    /**
     * Summaries in rank order. A segment is small when it holds less than {@code minimumShare} of all customers
     * (the console warns about such segments).
     */
    public static List<SegmentSummary> summarise(List<SegmentCount> counts, BigDecimal minimumShare) {
        long total = counts.stream().mapToLong(SegmentCount::customers).sum();
        BigDecimal totalRevenue = counts.stream().map(SegmentCount::revenue).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<SegmentSummary> summaries = new ArrayList<>();
        for (SegmentCount c : counts.stream().sorted(Comparator.comparingInt(SegmentCount::rank)).toList()) {
            boolean small = total > 0 && BigDecimal.valueOf(c.customers()).compareTo(minimumShare.multiply(BigDecimal.valueOf(total))) < 0;
            summaries.add(new SegmentSummary(c.key(), c.name(), c.rank(), c.customers(), c.revenue(), c.orders(),
                    ratio(BigDecimal.valueOf(c.customers()), total == 0 ? null : BigDecimal.valueOf(total)),
                    ratio(c.revenue(), totalRevenue.signum() > 0 ? totalRevenue : null),
                    ratio(c.revenue(), c.orders() == 0 ? null : BigDecimal.valueOf(c.orders())),
                    ratio(BigDecimal.valueOf(c.orders()), c.customers() == 0 ? null : BigDecimal.valueOf(c.customers())),
                    small));
        }
        return summaries;
    }

    private static BigDecimal ratio(BigDecimal numerator, BigDecimal denominator) {
        return denominator == null ? null : numerator.divide(denominator, SCALE, RoundingMode.HALF_UP);
    }
}
