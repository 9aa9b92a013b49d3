package io.strata.domain.campaign;

import java.util.Locale;

/** What a planner can do to a campaign; which ones a state allows is decided by the state's own type. */
public enum Transition {
    EDIT, SCHEDULE, LAUNCH, COMPLETE, CANCEL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
