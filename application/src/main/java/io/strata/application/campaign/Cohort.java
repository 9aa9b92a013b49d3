package io.strata.application.campaign;

import io.strata.domain.campaign.AudienceCounts;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The customers who entered an always-on campaign's target in one run: {@code counts.members()} entered (outside the
 * global holdout, never in an earlier cohort), some excluded for consent, the rest treated or in the control group.
 * {@code formedAt} starts the cohort's attribution window: its deliveries went out then.
 */
public record Cohort(long campaignId, long runId, LocalDate asOf, long previousRunId, Instant formedAt, AudienceCounts counts) {
}
