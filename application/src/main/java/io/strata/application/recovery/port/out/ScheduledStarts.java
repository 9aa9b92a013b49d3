package io.strata.application.recovery.port.out;

import io.strata.application.recovery.ScheduledStart;

import java.util.Optional;

/**
 * Out-port: which schedule's trigger started a run, and owing that trigger's run again once the run was cut (a stop, a
 * crash), so that the next look at the clock starts it again instead of the schedule moving on as if it had run.
 */
public interface ScheduledStarts {

    /**
     * The trigger that started the run, while its schedule is still set; empty for a run started by hand (the API, the
     * console, a Spark job's operator) or one whose schedule was removed meanwhile (nothing would start it again).
     */
    Optional<ScheduledStart> startedBy(long runId);

    /** Marks the trigger that started the run as owed again; joins the caller's unit of work. */
    void oweAgain(long runId);
}
