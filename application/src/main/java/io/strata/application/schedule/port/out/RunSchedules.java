package io.strata.application.schedule.port.out;

import io.strata.application.schedule.ScheduleFiring;
import io.strata.application.schedule.StoredSchedule;
import io.strata.domain.schedule.RunSchedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: the segmentations' schedules and what their triggers did. */
public interface RunSchedules {

    Optional<StoredSchedule> find(long segmentationId);

    /**
     * Holds every other change of this segmentation's schedule until the current unit of work ends (whether it has one
     * yet or not), so that a change checked against what is stored is written before another can look.
     */
    void lockForChange(long segmentationId);

    /** Stores the schedule, replacing any, handled up to {@code handledUntil}. */
    void save(long segmentationId, RunSchedule schedule, Instant handledUntil);

    boolean remove(long segmentationId);

    /**
     * Moves {@code handledUntil} from {@code expected} to {@code to}, only while it is still {@code expected}: of two nodes
     * that saw the same owed run, one gets true and runs it.
     */
    boolean advance(long segmentationId, Instant expected, Instant to);

    void recordFiring(ScheduleFiring firing);

    /** The newest first. */
    List<ScheduleFiring> firings(long segmentationId, int limit);
}
