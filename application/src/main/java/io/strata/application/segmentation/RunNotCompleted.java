package io.strata.application.segmentation;

/**
 * The run exists but has not completed (it is still running, or it failed), so it has no assignment per customer to
 * read: the contract's CSV has one row per customer, and a header with no rows would say there are none.
 */
public final class RunNotCompleted extends RuntimeException {

    public RunNotCompleted(long runId, RunStatus status) {
        super("run " + runId + " is " + status + "; its assignments are there once it has completed: "
                + (status == RunStatus.RUNNING ? "ask again when the run's status says COMPLETED"
                : "read a completed run's, or start a run again"));
    }
}
