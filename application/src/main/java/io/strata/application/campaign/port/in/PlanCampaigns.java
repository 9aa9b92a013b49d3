package io.strata.application.campaign.port.in;

import io.strata.domain.edit.Revision;

import io.strata.application.campaign.ActionPlan;
import io.strata.application.campaign.CampaignSelection;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.CampaignPlan;

import java.util.List;

/** In-port: plan campaigns against the active general segmentation. */
public interface PlanCampaigns {

    /** Creates a draft; its target must be a segment of the active general segmentation. */
    StoredCampaign create(CampaignPlan plan);

    /** Replaces a draft's plan, whatever changed since the editor read it. */
    default StoredCampaign edit(long id, CampaignPlan plan) {
        return edit(id, plan, null);
    }

    /**
     * Replaces a draft's plan if the campaign is still in one of the revisions {@code seen} (what the editor read;
     * null: whatever it is now); otherwise {@link io.strata.application.audit.EditedMeanwhile} and nothing changes.
     */
    StoredCampaign edit(long id, CampaignPlan plan, List<Revision> seen);

    StoredCampaign campaign(long id);

    /**
     * A page of a list of campaigns: the selected ones newest first, with an id below {@code before} ({@code null}: from
     * the newest), at most {@code limit}. The next page starts before the last one's id.
     */
    List<StoredCampaign> campaigns(CampaignSelection selection, Long before, int limit);

    /**
     * Every segment of the active general segmentation with its goal, size, number of campaigns and the newest
     * {@link ActionPlan#CAMPAIGNS_SHOWN} of them, in value order.
     */
    ActionPlan actionPlan();
}
