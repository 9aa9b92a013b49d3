package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;

public record ActionCount(AudienceGroup group, ActionList actionList, int actionPosition, long customers) {
}
