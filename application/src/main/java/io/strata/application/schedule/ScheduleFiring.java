package io.strata.application.schedule;

import io.strata.domain.schedule.Trigger;

import java.time.Instant;

/**
 * What a schedule's trigger did: the run it started ({@code runId}), or why it was skipped ({@code skipped}, e.g. a
 * run was already running).
 */
public record ScheduleFiring(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, Long runId, String skipped) {

    public static ScheduleFiring started(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, long runId) {
        return new ScheduleFiring(segmentationId, trigger, plannedAt, firedAt, runId, null);
    }

    public static ScheduleFiring skipped(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, String why) {
        return new ScheduleFiring(segmentationId, trigger, plannedAt, firedAt, null, why);
    }
}
