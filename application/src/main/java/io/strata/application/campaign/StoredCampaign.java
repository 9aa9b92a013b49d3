package io.strata.application.campaign;

import io.strata.domain.campaign.Campaign;

import java.time.Instant;
import java.util.Objects;

/** A campaign as kept, with when it was created. */
public record StoredCampaign(Campaign campaign, Instant createdAt) {

    public StoredCampaign {
        Objects.requireNonNull(campaign, "campaign");
    }

    public long id() {
        return campaign.id();
    }
}
