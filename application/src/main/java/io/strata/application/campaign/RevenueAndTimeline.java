package io.strata.application.campaign;

import io.strata.domain.campaign.IncrementalRevenue;

import java.util.List;

/**
 * Beside a launched campaign's results: the revenue it added with its interval ({@code incrementalRevenue} null when a
 * group has fewer than two customers) and its conversions day by day since the launch.
 */
public record RevenueAndTimeline(IncrementalRevenue incrementalRevenue, List<ConversionDay> days) {

    public RevenueAndTimeline {
        days = List.copyOf(days);
    }
}
