package io.strata.application.schedule;

import io.strata.domain.edit.Revision;

import io.strata.domain.schedule.PlannedRun;
import io.strata.domain.schedule.RunSchedule;

import java.util.List;
import java.util.Optional;

/**
 * A segmentation's schedule as planners see it: the schedule, whether it is the active segmentation's (only that one
 * runs), the next planned run and what the triggers did lately, newest first.
 */
public record ScheduleView(long segmentationId, RunSchedule schedule, boolean active, Optional<PlannedRun> nextRun,
                           List<ScheduleFiring> recentFirings) {

    public ScheduleView {
        recentFirings = List.copyOf(recentFirings);
    }

    /** The revision of the schedule shown (what {@link StoredSchedule#revision()} says of it). */
    public Revision revision() {
        return StoredSchedule.revisionOf(segmentationId, schedule);
    }
}
