package io.strata.application.schedule.port.in;

import io.strata.application.schedule.Calendar;
import io.strata.application.schedule.ScheduleCommand;
import io.strata.application.schedule.ScheduleView;

import java.util.Optional;

/** In-port: when segmentations run by themselves, and the calendar of what Strata will do by itself. */
public interface ManageSchedules {

    /** The segmentation's schedule, or empty when it has none; unknown segmentations are refused. */
    Optional<ScheduleView> schedule(long segmentationId);

    /** Replaces the schedule; nothing planned before now is owed by the new one. */
    ScheduleView set(ScheduleCommand command);

    /** Removes the schedule, if any; answers whether there was one. */
    boolean remove(long segmentationId);

    /** The next {@code days} days (1 to 62). */
    Calendar calendar(int days);
}
