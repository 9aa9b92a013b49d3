package io.strata.application.schedule;

import io.strata.domain.edit.Revision;

import io.strata.domain.schedule.RunSchedule;

import java.time.Instant;
import java.util.Objects;

/** A segmentation's schedule as kept: everything planned up to {@code handledUntil} was taken care of. */
public record StoredSchedule(long segmentationId, RunSchedule schedule, Instant handledUntil) {

    /** The revision of the schedule as planners set it (not how far its triggers were handled, which moves by itself). */
    public Revision revision() {
        return revisionOf(segmentationId, schedule);
    }

    /** The revision of a segmentation's schedule, or of its having none ({@code schedule} null). */
    public static Revision revisionOf(long segmentationId, RunSchedule schedule) {
        return Revision.of("schedule", segmentationId, schedule == null ? "none" : schedule);
    }

    public StoredSchedule {
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(handledUntil, "handledUntil");
    }
}
