package io.strata.application.schedule;

import io.strata.domain.schedule.Trigger;

import java.time.Instant;

/**
 * What a schedule's trigger did: the run it started ({@code runId}), or why it was skipped ({@code skipped}, e.g. a
 * run was already running). {@code againAfterRun}: this trigger started its planned run a second time, after that run
 * (the first one) was cut by a stop or a crash; {@code owedAgain}: this trigger's run was cut and the next look at the
 * clock starts it again (session 58).
 */
public record ScheduleFiring(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, Long runId, String skipped,
                             Long againAfterRun, boolean owedAgain) {

    public ScheduleFiring(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, Long runId, String skipped) {
        this(segmentationId, trigger, plannedAt, firedAt, runId, skipped, null, false);
    }

    public static ScheduleFiring started(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, long runId) {
        return new ScheduleFiring(segmentationId, trigger, plannedAt, firedAt, runId, null);
    }

    public static ScheduleFiring skipped(long segmentationId, Trigger trigger, Instant plannedAt, Instant firedAt, String why) {
        return new ScheduleFiring(segmentationId, trigger, plannedAt, firedAt, null, why);
    }

    /** The run owed again after {@code cutRun} was cut: started, or ({@code runId} null) skipped with the reason. */
    public static ScheduleFiring again(OwedAgain owed, Instant firedAt, Long runId, String skipped) {
        return new ScheduleFiring(owed.segmentationId(), owed.trigger(), owed.plannedAt(), firedAt, runId, skipped, owed.cutRun(), false);
    }
}
