package io.strata.application.campaign;

import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.domain.campaign.AudienceCounts;

import java.time.Instant;
import java.util.List;

/** The frozen audience of a launched campaign: its counts, who gets which action, and how far dispatch got. */
public record AudienceView(long campaignId, long runId, Instant launchedAt, AudienceCounts counts,
                           List<ActionCount> byAction, DeliveryCounts deliveries) {

    public AudienceView {
        byAction = List.copyOf(byAction);
    }
}
