package io.strata.domain.campaign;

import java.util.Objects;

/** The action for the members of one tactical segment inside the campaign's target, instead of the default actions. */
public record TacticalAction(long tacticalSegmentId, Action action) {

    public TacticalAction {
        if (tacticalSegmentId <= 0) {
            throw new InvalidCampaign("tacticalActions.tacticalSegmentId", "tactical segment id " + tacticalSegmentId
                    + " is not valid; use the id Strata gave the tactical segment when it was saved");
        }
        Objects.requireNonNull(action, "action");
    }
}
