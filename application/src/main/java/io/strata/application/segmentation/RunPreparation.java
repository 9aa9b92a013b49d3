package io.strata.application.segmentation;

import java.time.LocalDate;

/**
 * Work a run needs before its follow-ups (and, when the segmentation reads it, before its assignment): the run's
 * predictions, which predicted-value tiers and rules on predicted fields use.
 */
public interface RunPreparation {

    /** Before the assignment, in transactions of its own. */
    void beforeAssignment(long runId, LocalDate asOf);

    /**
     * While the assignment runs, on another thread, reading the assignment's own {@code snapshot}: {@code snapshotRead}
     * must be called as soon as the work reads that snapshot (or has failed before), since the assignment waits for it.
     */
    void alongsideAssignment(long runId, LocalDate asOf, RunSnapshot snapshot, Runnable snapshotRead);
}
