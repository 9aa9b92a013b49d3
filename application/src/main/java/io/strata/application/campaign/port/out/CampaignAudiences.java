package io.strata.application.campaign.port.out;

import io.strata.application.campaign.AudienceMember;
import io.strata.application.campaign.ActionCount;
import io.strata.application.campaign.AudienceGroup;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;

import java.util.List;
import java.util.function.Consumer;

/** Out-port: the audience a launch freezes, kept per campaign. */
public interface CampaignAudiences {

    /**
     * Freezes the members of the plan's target segment in the given run, set-based. Each member gets the action list
     * {@link CampaignPlan#actionListFor} picks from their tactical memberships in that run, then that list's first
     * action they consented to; members without consent for any action of their list are excluded and counted. The
     * rest are split into treatment and control by {@link io.strata.domain.campaign.ControlGroup}'s formula, over the
     * whole audience. Replaces an earlier freeze of the same campaign, which the formula reproduces exactly.
     */
    AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan);

    /** The counts {@link #freeze} would give, with nothing kept. */
    AudienceCounts estimate(long campaignId, long runId, CampaignPlan plan);

    /** Customers per group, action list and action (the action's position in the plan). */
    List<ActionCount> countsByAction(long campaignId);

    /** Every frozen member in customer id order. */
    void members(long campaignId, Consumer<AudienceMember> members);

    /** The launched campaigns whose audience holds this customer, newest launch first. */
    List<io.strata.application.campaign.CustomerCampaign> campaignsOf(String customerId);
}
