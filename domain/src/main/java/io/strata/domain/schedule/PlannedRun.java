package io.strata.domain.schedule;

import java.time.Instant;
import java.util.Objects;

/** A run a schedule plans (or, when {@code plannedAt} has passed, owes): when, and which trigger asks for it. */
public record PlannedRun(Trigger trigger, Instant plannedAt) {

    public PlannedRun {
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(plannedAt, "plannedAt");
    }
}
