package io.strata.application.campaign.port.in;

import io.strata.application.campaign.ActionPlan;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.CampaignPlan;

import java.util.List;

/** In-port: plan campaigns against the active general segmentation. */
public interface PlanCampaigns {

    /** Creates a draft; its target must be a segment of the active general segmentation. */
    StoredCampaign create(CampaignPlan plan);

    /** Replaces a draft's plan. */
    StoredCampaign edit(long id, CampaignPlan plan);

    StoredCampaign campaign(long id);

    List<StoredCampaign> campaigns();

    /** Every segment of the active general segmentation with its goal, size and campaigns, in value order. */
    ActionPlan actionPlan();
}
