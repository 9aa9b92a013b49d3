package io.strata.application.segmentation;

/**
 * Only one run at a time: a second request is refused with the running one's id. When that id is not known (the run
 * ended between the refusal and the look for it, and the new run was refused again), the message does not say "run
 * null", as it did before session 51.
 */
public class RunInProgress extends RuntimeException {

    private final Long runningRunId;

    public RunInProgress(Long runningRunId) {
        super((runningRunId == null ? "another segmentation run" : "segmentation run " + runningRunId)
                + " is still running; wait for it to finish, then start another");
        this.runningRunId = runningRunId;
    }

    public Long runningRunId() {
        return runningRunId;
    }
}
