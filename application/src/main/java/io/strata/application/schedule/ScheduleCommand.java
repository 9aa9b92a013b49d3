package io.strata.application.schedule;

import io.strata.domain.schedule.RunSchedule;

import java.util.Objects;

/** Give a segmentation this schedule, replacing any it had. The schedule checked its own input when it was built. */
public record ScheduleCommand(long segmentationId, RunSchedule schedule) {

    public ScheduleCommand {
        if (segmentationId <= 0) {
            throw new IllegalArgumentException("segmentation id " + segmentationId + " is not valid");
        }
        Objects.requireNonNull(schedule, "schedule");
    }
}
