package io.strata.application.schedule;

import java.time.Instant;
import java.util.List;

/**
 * What Strata will do by itself between {@code from} and {@code to}: planned runs of the active segmentation and the
 * launches of scheduled campaigns; {@code flagged} lists the scheduled campaigns it refused to launch, whatever their start.
 */
public record Calendar(Instant from, Instant to, List<CalendarRun> runs, List<PlannedLaunch> launches, List<PlannedLaunch> flagged) {

    public Calendar {
        runs = List.copyOf(runs);
        launches = List.copyOf(launches);
        flagged = List.copyOf(flagged);
    }
}
