package io.strata.application.campaign;

import java.time.Instant;

/**
 * The programme's effect as measured right after run {@code runId} completed ({@code measuredAt}): what the dashboard
 * shows, so that a visit reads one row instead of every customer.
 */
public record ProgrammeMeasurement(long runId, Instant measuredAt, ProgrammeEffect effect) {

    /** True when it was measured for this holdout: the same draw and share (a change makes it a measure of another one). */
    public boolean measures(StoredHoldout holdout) {
        return effect.holdout().draw() == holdout.holdout().draw()
                && effect.holdout().sharePercent().compareTo(holdout.holdout().sharePercent()) == 0;
    }
}
