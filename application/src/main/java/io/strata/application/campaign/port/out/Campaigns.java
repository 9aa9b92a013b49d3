package io.strata.application.campaign.port.out;

import io.strata.application.campaign.CampaignSelection;
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

    /**
     * The selected campaigns, newest (highest id) first, with an id below {@code before} ({@code null}: from the newest),
     * at most {@code limit}: a page of a list, selected, ordered and cut by the store.
     */
    List<StoredCampaign> newest(CampaignSelection selection, Long before, int limit);

    /** How many campaigns target each general segment (segments without campaigns are absent). */
    java.util.Map<String, Long> countsByTarget();

    /**
     * Stores the campaign's new state, but only while it is still in {@code expected}: false when another request
     * moved it first, so two launches cannot both win.
     */
    boolean update(Campaign next, CampaignState expected);
}
