package io.strata.application.campaign;

import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.RevenueSample;

import java.time.Instant;

/**
 * What the whole programme of campaigns did since the holdout was drawn: everyone else against the holdout, in
 * revenue per customer since {@code from} and in the share that moved to a more valuable segment between
 * {@code baselineRunId} and {@code laterRunId} ({@code migration}: treatment = everyone else, control = the holdout;
 * null before a later run).
 */
public record ProgrammeEffect(HoldoutView holdout, Instant from, Instant to, RevenueSample heldOut, RevenueSample others,
                              Long baselineRunId, Long laterRunId, CampaignResult migration) {
}
