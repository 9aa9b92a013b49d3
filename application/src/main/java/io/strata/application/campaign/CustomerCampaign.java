package io.strata.application.campaign;

import io.strata.domain.campaign.CampaignState;

import java.time.Instant;

/**
 * A campaign whose frozen audience holds a customer: the group they were drawn into and, in treatment, the position of
 * the action they got (null in control).
 */
public record CustomerCampaign(long campaignId, String name, CampaignState state, Instant launchedAt, AudienceGroup group,
                               Integer actionPosition) {
}
