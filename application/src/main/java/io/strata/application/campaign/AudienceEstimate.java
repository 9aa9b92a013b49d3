package io.strata.application.campaign;

import io.strata.domain.campaign.AudienceCounts;

/** What a launch would freeze right now, from the latest completed run: shown before the launch is confirmed. */
public record AudienceEstimate(long campaignId, long runId, String segmentationName, AudienceCounts counts) {
}
