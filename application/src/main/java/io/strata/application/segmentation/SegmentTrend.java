package io.strata.application.segmentation;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One segment over the completed runs of its segmentation, oldest first. Shares are of the run's customers and of
 * its revenue (null when the run had none); flows in and out are customers who arrived from another segment or were
 * new, and who left for another segment or were gone, since the run before (null for the first run shown).
 */
public record SegmentTrend(String key, String name, List<Point> points) {

    public record Point(long runId, LocalDate asOf, long customers, BigDecimal shareOfCustomers, BigDecimal shareOfRevenue,
                        Long flowIn, Long flowOut) {
    }

    public SegmentTrend {
        points = List.copyOf(points);
    }
}
