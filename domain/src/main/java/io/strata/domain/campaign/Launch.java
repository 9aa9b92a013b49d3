package io.strata.domain.campaign;

import java.time.Instant;
import java.util.Objects;

/** When a campaign went out, from which segmentation run its audience was frozen, and that audience's size. */
public record Launch(Instant launchedAt, long runId, AudienceCounts audience) {

    public Launch {
        Objects.requireNonNull(launchedAt, "launchedAt");
        Objects.requireNonNull(audience, "audience");
        if (runId <= 0) {
            throw new IllegalArgumentException("a launch freezes its audience from a completed run; run id " + runId + " is not one");
        }
    }
}
