package io.strata.application.schedule.port.in;

import io.strata.application.schedule.DueWorkReport;

/**
 * In-port: look at the clock once and do what is due: the active segmentation's owed run and the launches of scheduled
 * campaigns whose start has come. Safe to call from several nodes at once; each run and launch happens once.
 */
public interface RunDueWork {

    DueWorkReport runDueWork();

    /**
     * Strata stops: a look under way stops before its next step (the owed run, the next due launch, the relay of untried
     * deliveries), all of which the first look after the restart does; the step under way finishes. Looks after this do
     * nothing.
     */
    default void stopLooking() {
    }
}
