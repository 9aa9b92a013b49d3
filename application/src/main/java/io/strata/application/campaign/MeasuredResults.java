package io.strata.application.campaign;

import java.time.Instant;

/** A launched campaign's results and incremental revenue as measured at {@code measuredAt} (its launch, a run, its completion). */
public record MeasuredResults(Instant measuredAt, ResultsView results, RevenueAndTimeline effect) {
}
