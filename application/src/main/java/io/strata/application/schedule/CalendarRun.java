package io.strata.application.schedule;

import io.strata.domain.schedule.PlannedRun;

/** A run the active segmentation's schedule plans, for the calendar. */
public record CalendarRun(long segmentationId, String segmentationName, PlannedRun run) {
}
