package io.strata.domain.campaign;

import java.util.List;

/**
 * Where an always-on campaign is: ACTIVE forms a cohort after every completed run, PAUSED forms none (who enters the
 * target meanwhile is not picked up later), STOPPED never again. The campaign's cohorts, deliveries and results stay.
 *
 * <pre>
 * ACTIVE --pause--> PAUSED --resume--> ACTIVE
 * ACTIVE, PAUSED --stop--> STOPPED
 * </pre>
 */
public enum AlwaysOnState {
    ACTIVE, PAUSED, STOPPED;

    /** What a planner may do from here, as the words of the API ({@code pause}, {@code resume}, {@code stop}). */
    public List<String> allowed() {
        return switch (this) {
            case ACTIVE -> List.of("pause", "stop");
            case PAUSED -> List.of("resume", "stop");
            case STOPPED -> List.of();
        };
    }

    public AlwaysOnState pause() {
        return next("pause", PAUSED);
    }

    public AlwaysOnState resume() {
        return next("resume", ACTIVE);
    }

    public AlwaysOnState stop() {
        return next("stop", STOPPED);
    }

    private AlwaysOnState next(String action, AlwaysOnState next) {
        if (!allowed().contains(action)) {
            throw new IllegalStateException("an always-on campaign that is " + this + " cannot " + action
                    + (allowed().isEmpty() ? "; it has stopped for good" : "; from " + this + " it can only " + String.join(" or ", allowed())));
        }
        return next;
    }
}
