package io.strata.application.prediction;

/** The run exists but is not completed (still running or failed), so it has no predictions to read. */
public final class PredictionsNotReady extends RuntimeException {

    public PredictionsNotReady(String message) {
        super(message);
    }
}
