package io.strata.application.recovery;

import io.strata.domain.schedule.Trigger;

import java.time.Instant;
import java.util.Objects;

/**
 * The schedule's trigger that started a run: which one, the moment it was planned for, and whether it was already the
 * second attempt at that moment (started again after a first run of it was cut by a stop or a crash).
 */
public record ScheduledStart(long segmentationId, Trigger trigger, Instant plannedAt, Long againAfterRun) {

    public ScheduledStart {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(plannedAt, "plannedAt");
    }

    /** Started again after run {@code againAfterRun} of the same moment was cut. */
    public boolean secondAttempt() {
        return againAfterRun != null;
    }
}
