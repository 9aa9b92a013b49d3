package io.strata.application.incident;

/**
 * The engine that runs segmentations in bulk could not finish a run for a reason its operators can act on (a cluster
 * that cannot be reached, facts in the wrong layout, a job stopped halfway); the message says what and where, and is
 * written for readers of the run. Nothing of the run was kept.
 */
public class EngineUnavailable extends RuntimeException {

    public EngineUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
