package io.strata.application.segmentation;

/** Only one run at a time: a second request is refused with the running one's id. */
public class RunInProgress extends RuntimeException {

    private final Long runningRunId;

    public RunInProgress(Long runningRunId) {
        super("segmentation run " + runningRunId + " is still running; wait for it to finish, then start another");
        this.runningRunId = runningRunId;
    }

    public Long runningRunId() {
        return runningRunId;
    }
}
