package io.strata.application.campaign;

import io.strata.domain.campaign.Campaign;
import io.strata.domain.edit.Revision;

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

    /** The revision of what is stored: the campaign's state, plan and dates (the ETag of the API, the console form's seen state). */
    public Revision revision() {
        return revisionOf(campaign);
    }

    static Revision revisionOf(Campaign campaign) {
        return Revision.of("campaign", campaign);
    }
}
