package io.strata.application.campaign;

import io.strata.application.campaign.port.out.Campaigns;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.Launch;

import java.util.List;

/** The campaigns as stored, looked up by id: a missing campaign, or a launch asked of one never launched, is named. */
public final class StoredCampaigns {

    private final Campaigns campaigns;

    public StoredCampaigns(Campaigns campaigns) {
        this.campaigns = campaigns;
    }

    StoredCampaign campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFound(id));
    }

    List<StoredCampaign> newest(CampaignSelection selection, Long before, int limit) {
        return campaigns.newest(selection, before, limit);
    }

    java.util.Map<String, Long> countsByTarget() {
        return campaigns.countsByTarget();
    }

    Launch launchOf(long id) {
        return launchOf(campaign(id).campaign());
    }

    static Launch launchOf(Campaign campaign) {
        return campaign.launched().orElseThrow(() -> new CampaignConflict("campaign " + campaign.id() + " is " + campaign.state()
                + " and has not been launched, so it has no audience, deliveries or results yet; schedule and launch it first"));
    }
}
