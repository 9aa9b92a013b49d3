package io.strata.application.campaign;

import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.CampaignState;

import java.time.Instant;

/**
 * A launched campaign's results: conversions in [launchedAt, windowEnd), and, when {@code laterRunId} is set,
 * migration between the frozen run and that later run. {@code windowClosed} says whether the figures can still change.
 */
public record ResultsView(long campaignId, CampaignState state, Instant launchedAt, Instant windowEnd, boolean windowClosed,
                          long frozenRunId, Long laterRunId, CampaignResult result) {
}
