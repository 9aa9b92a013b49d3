package io.strata.application.campaign;

/** One group of one cohort: how many ranked higher in {@code laterRunId} than in the cohort's run. */
public record CohortMovedUp(long runId, long laterRunId, AudienceGroup group, long movedUp) {
}
