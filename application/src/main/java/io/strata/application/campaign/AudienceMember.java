package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;

public record AudienceMember(String customerId, AudienceGroup group, ActionList actionList, int actionPosition) {
}
