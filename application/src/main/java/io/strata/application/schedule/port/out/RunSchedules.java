package io.strata.application.schedule.port.out;

import io.strata.application.schedule.OwedAgain;
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

    /** The newest trigger of this segmentation whose cut run is owed again (a sweep marked it), if any. */
    Optional<OwedAgain> owedAgain(long segmentationId);

    /**
     * Takes the run owed again for starting it: true only while it is still owed (of two nodes, one gets true), and it is
     * owed no more. Taken in the unit of work that records the run started again, so that a start that does not happen
     * (another run running, a failure, a process killed) undoes it with the rest (session 59; before, a mark taken was
     * given back by hand, which a killed process could not do).
     */
    boolean takeOwedAgain(long firingId);


    /** The newest first. */
    List<ScheduleFiring> firings(long segmentationId, int limit);
}
