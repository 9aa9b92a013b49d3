package io.strata.application.campaign;

import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.InvalidCampaign;

import java.time.Instant;

/**
 * Launch a campaign, now or, with {@code launchAt}, as of a past moment (when the action went out through another
 * tool, or to replay a launch): the attribution window starts there.
 */
public record LaunchCommand(long campaignId, Instant launchAt) {

    public LaunchCommand {
        if (campaignId <= 0) {
            throw new InvalidCampaign("id", "campaign id " + campaignId + " is not valid");
        }
    }

    Instant at(Instant now) {
        if (launchAt == null) {
            return now;
        }
        CampaignPlan.checkMoment("launchAt", launchAt);
        if (launchAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidCampaign("launchAt", "launchAt " + launchAt + " is in the future; launch when the time comes, or"
                    + " schedule the campaign with a startAt");
        }
        return launchAt;
    }
}
