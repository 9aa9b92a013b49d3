package io.strata.application.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What Strata will do by itself between {@code from} and {@code to}: planned runs of the active segmentation and the
 * launches of scheduled campaigns; {@code flagged} lists the scheduled campaigns it refused to launch, whatever their start.
 * {@code activeSchedule} is the active segmentation's schedule, when it has one.
 */
public record Calendar(Instant from, Instant to, Optional<ScheduleView> activeSchedule, List<CalendarRun> runs, List<PlannedLaunch> launches,
                       List<PlannedLaunch> flagged) {

    public Calendar {
        activeSchedule = activeSchedule == null ? Optional.empty() : activeSchedule;
        runs = List.copyOf(runs);
        launches = List.copyOf(launches);
        flagged = List.copyOf(flagged);
    }
}
