package io.strata.application.campaign;

import io.strata.domain.campaign.RevenueSample;

/** Revenue per customer since a moment, the holdout's customers against everyone else's. */
public record HoldoutRevenue(RevenueSample heldOut, RevenueSample others) {
}
