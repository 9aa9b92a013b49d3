package io.strata.application.segmentation;

import io.strata.domain.segmentation.SegmentSummary;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns the per-segment counts a run stored into summaries with shares and averages, the same way the domain's
 * reference evaluator summarises its own result (4 places, half-up, {@code null} where undefined).
 */
public final class RunSummaries {

    private RunSummaries() {
    }

    public record SegmentCount(String key, String name, int rank, long customers, BigDecimal revenue, long orders) {
    }

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
        return denominator == null ? null : numerator.divide(denominator, 4, RoundingMode.HALF_UP);
    }
}
