package io.strata.application.campaign;

import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.CampaignPlan;

import java.util.List;
import java.util.function.Consumer;

/** Out-port: the audience a launch freezes, kept per campaign. */
public interface CampaignAudiences {

    /**
     * Freezes the members of the plan's target segment in the given run, set-based: customers without consent for
     * any of the plan's actions are excluded and counted, the rest get their first consented action and are split
     * into treatment and control by {@link io.strata.domain.campaign.ControlGroup}'s formula. Replaces an earlier
     * freeze of the same campaign, which the formula reproduces exactly.
     */
    AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan);

    /** Customers per group and action (the action's position in the plan). */
    List<ActionCount> countsByAction(long campaignId);

    /** Every frozen member in customer id order. */
    void members(long campaignId, Consumer<AudienceMember> members);

    record ActionCount(AudienceGroup group, int actionPosition, long customers) {
    }

    record AudienceMember(String customerId, AudienceGroup group, int actionPosition) {
    }
}
