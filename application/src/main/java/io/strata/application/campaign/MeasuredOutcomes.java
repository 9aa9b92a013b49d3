package io.strata.application.campaign;

import io.strata.domain.campaign.IncrementalRevenue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A launched campaign's outcomes as the database aggregated them at {@code measuredAt}: the parts its results and
 * incremental revenue are computed from, kept so that its page computes them the same way without reading the
 * audience. {@code movedUp} is null when no later run had completed ({@code laterRunId} null).
 */
public record MeasuredOutcomes(Instant measuredAt, Long laterRunId, List<GroupConversions> conversions, List<GroupMovedUp> movedUp,
                               Map<AudienceGroup, IncrementalRevenue.Spread> spread, List<ConversionDay> days) {

    public MeasuredOutcomes {
        conversions = List.copyOf(conversions);
        movedUp = movedUp == null ? null : List.copyOf(movedUp);
        spread = Map.copyOf(spread);
        days = List.copyOf(days);
        if ((laterRunId == null) != (movedUp == null)) {
            throw new IllegalArgumentException("moved-up counts belong with a later run, and a later run with moved-up counts");
        }
    }
}
