package io.strata.application.campaign;

import io.strata.domain.campaign.ActionList;
import java.math.BigDecimal;

public record GroupConversions(ActionList actionList, AudienceGroup group, long customers, long converters, BigDecimal revenue) {
}
