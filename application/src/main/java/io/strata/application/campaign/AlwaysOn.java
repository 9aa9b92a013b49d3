package io.strata.application.campaign;

import io.strata.domain.campaign.AlwaysOnState;

import java.time.Instant;

/**
 * A campaign that is always on for its target: from {@code baselineRunId} (the latest completed run when it started)
 * on, every completed run of the same segmentation adds the customers who entered the target as a cohort.
 */
public record AlwaysOn(long campaignId, AlwaysOnState state, long baselineRunId, Instant startedAt, Instant changedAt, String stopReason) {
}
