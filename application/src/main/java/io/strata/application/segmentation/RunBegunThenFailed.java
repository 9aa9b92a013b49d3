package io.strata.application.segmentation;

/**
 * A run was recorded RUNNING (its unit of work committed: with a schedule's claim and trigger), and what came after
 * failed: its worker refused it ({@link #cut()}: Strata is stopping, the worker takes no new work), so the run stays
 * RUNNING under this node's claim until the next start's sweep records it interrupted (a scheduled run is then owed
 * again, once); or reading it back failed, while its worker has it and runs it. Until session 60 the look at the clock
 * took either for a run that "could not start" and filed an incident saying so, although the run had started.
 */
public final class RunBegunThenFailed extends RuntimeException {

    private final long runId;
    private final boolean cut;

    public RunBegunThenFailed(long runId, boolean cut, RuntimeException cause) {
        super(cut ? "run " + runId + " was started, but its worker refused it because Strata is stopping: it stays RUNNING until the"
                + " next start records it interrupted"
                : "run " + runId + " was started and runs, but it could not be read back", cause);
        this.runId = runId;
        this.cut = cut;
    }

    public long runId() {
        return runId;
    }

    /** True when no worker took the run (Strata stops): it does not run; false when it runs and only its reading failed. */
    public boolean cut() {
        return cut;
    }
}
