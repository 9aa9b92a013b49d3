package io.strata.application.campaign.port.out;

import io.strata.application.campaign.AudienceMember;
import io.strata.application.campaign.ActionCount;
import io.strata.application.campaign.AudienceGroup;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/** Out-port: the audience a launch freezes, kept per campaign. */
public interface CampaignAudiences {

    /**
     * Freezes the members of the plan's target segment in the given run, set-based. Each member gets the action list
     * {@link CampaignPlan#actionListFor} picks from their tactical memberships in that run, then that list's first
     * action they consented to; members without consent for any action of their list are excluded and counted. The
     * rest are split into treatment and control by {@link io.strata.domain.campaign.ControlGroup}'s formula, over the
     * whole audience. Customers the global holdout holds out are never members, here or in a cohort. Replaces an earlier freeze of the same campaign, which the formula reproduces exactly.
     * <p>
     * Frequency caps apply after consent and before the split: a member whose action's channel has a cap, and who got at
     * least that many deliveries on that channel from other campaigns launched in the cap's window before {@code at}
     * (whatever their status: a pending one is still going out), is left out and counted as capped, in neither group.
     */
    AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan, Instant at);

    /**
     * Adds to an always-on campaign's audience, set-based, a cohort: the members of the plan's target in {@code runId}
     * who were not members of it in {@code previousRunId} and are not in the campaign's audience yet (a customer joins
     * once, and keeps their group for the campaign's life), each with their action list, action and group exactly as
     * {@link #freeze} gives them, frequency caps applied as of {@code at}. {@code members()} of the answer counts the entrants.
     */
    AudienceCounts admitCohort(long campaignId, long runId, long previousRunId, CampaignPlan plan, Instant at);

    /** The counts {@link #freeze} would give, with nothing kept. */
    AudienceCounts estimate(long campaignId, long runId, CampaignPlan plan, Instant at);

    /** Customers per group, action list and action (the action's position in the plan). */
    List<ActionCount> countsByAction(long campaignId);

    /** Every frozen member in customer id order. */
    void members(long campaignId, Consumer<AudienceMember> members);

    /** The launched campaigns whose audience holds this customer, newest launch first. */
    List<io.strata.application.campaign.CustomerCampaign> campaignsOf(String customerId);
}
