package io.strata.application.campaign.port.out;

import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignState;

import java.util.List;
import java.util.Optional;

/** Out-port: the campaigns planners made. */
public interface Campaigns {

    /** Stores a new draft and answers its id. */
    long add(CampaignPlan plan);

    Optional<StoredCampaign> find(long id);

    /**
     * Reads the campaign and holds it until the current unit of work ends: a concurrent change of the same campaign
     * waits, then reads the state this one left. Only meaningful inside {@link io.strata.application.audit.port.out.Transactions#inOne}.
     */
    Optional<StoredCampaign> lockForChange(long id);

    /** Every campaign, newest first. */
    List<StoredCampaign> all();

    /**
     * Stores the campaign's new state, but only while it is still in {@code expected}: false when another request
     * moved it first, so two launches cannot both win.
     */
    boolean update(Campaign next, CampaignState expected);
}
