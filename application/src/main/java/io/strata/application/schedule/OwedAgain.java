package io.strata.application.schedule;

import io.strata.domain.schedule.Trigger;

import java.time.Instant;
import java.util.Objects;

/**
 * A scheduled run owed again: the trigger {@code firingId} started run {@code cutRun} for {@code plannedAt}, a stop or a
 * crash cut that run, and the restart's or the look's sweep recorded it so; the next look starts the run again, once.
 */
public record OwedAgain(long firingId, long segmentationId, Trigger trigger, Instant plannedAt, long cutRun) {

    public OwedAgain {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(plannedAt, "plannedAt");
    }
}
