package io.strata.application.schedule;

import io.strata.domain.schedule.RunSchedule;

import java.time.Instant;
import java.util.Objects;

/** A segmentation's schedule as kept: everything planned up to {@code handledUntil} was taken care of. */
public record StoredSchedule(long segmentationId, RunSchedule schedule, Instant handledUntil) {

    public StoredSchedule {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(handledUntil, "handledUntil");
    }
}
