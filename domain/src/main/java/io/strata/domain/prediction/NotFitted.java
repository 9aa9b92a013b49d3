package io.strata.domain.prediction;

/** Why a model could not be fitted, in words a planner can act on; the run goes on without predictions. */
public final class NotFitted extends RuntimeException {

    public NotFitted(String reason) {
        super(reason);
    }
}
