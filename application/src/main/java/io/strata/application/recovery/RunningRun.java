package io.strata.application.recovery;

import java.time.Instant;

/**
 * A segmentation run recorded as RUNNING: when it was begun, and whether a worker ever took it up (claimed it). A run
 * begun for a Spark job is not taken up until the job starts.
 */
public record RunningRun(long runId, Instant startedAt, boolean takenUp) {

    public RunningRun {
        if (startedAt == null) {
            throw new IllegalArgumentException("a running run has a start");
        }
    }
}
