package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.CampaignState;

import java.time.Instant;
import java.util.List;

/**
 * A launched campaign's results: conversions in [launchedAt, windowEnd), and, when {@code laterRunId} is set,
 * migration between the frozen run and that later run. {@code windowClosed} says whether the figures can still change.
 * {@code result} is the whole audience; {@code byActionList} splits it per action list of the plan (the default actions
 * first, then each tactical segment with its own action), each with its own treatment and control.
 */
public record ResultsView(long campaignId, CampaignState state, Instant launchedAt, Instant windowEnd, boolean windowClosed,
                          long frozenRunId, Long laterRunId, CampaignResult result, List<ActionListResult> byActionList) {

    public ResultsView {
        byActionList = List.copyOf(byActionList);
    }

    /** Treatment against control among the members who got one action list. */
    public record ActionListResult(ActionList actionList, CampaignResult result) {
    }
}
