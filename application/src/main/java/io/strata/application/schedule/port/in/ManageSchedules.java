package io.strata.application.schedule.port.in;

import java.util.List;

import io.strata.domain.edit.Revision;

import io.strata.application.schedule.Calendar;
import io.strata.application.schedule.ScheduleCommand;
import io.strata.application.schedule.ScheduleView;

import java.util.Optional;

/** In-port: when segmentations run by themselves, and the calendar of what Strata will do by itself. */
public interface ManageSchedules {

    /** The segmentation's schedule, or empty when it has none; unknown segmentations are refused. */
    Optional<ScheduleView> schedule(long segmentationId);

    /** Replaces the schedule; nothing planned before now is owed by the new one. */
    default ScheduleView set(ScheduleCommand command) {
        return set(command, null);
    }

    /**
     * Replaces the schedule if it is still in one of the revisions {@code seen} (what the editor read, where having no
     * schedule is a revision too; null: whatever it is now); otherwise {@link io.strata.application.audit.EditedMeanwhile}.
     */
    ScheduleView set(ScheduleCommand command, List<Revision> seen);

    /** Removes the schedule, if any; answers whether there was one. */
    default boolean remove(long segmentationId) {
        return remove(segmentationId, null);
    }

    /** {@link #remove(long)} if the schedule is still in one of the revisions {@code seen} (null: whatever it is now). */
    boolean remove(long segmentationId, List<Revision> seen);

    /** The next {@code days} days (1 to 62). */
    Calendar calendar(int days);
}
