package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;

public record GroupMovedUp(ActionList actionList, AudienceGroup group, long movedUp) {
}
