package io.strata.application.campaign;

import io.strata.domain.campaign.GlobalHoldout;

import java.time.Instant;

/** The holdout as stored: the rule, when the current draw was made, and the latest completed run at that moment (if any). */
public record StoredHoldout(GlobalHoldout holdout, Instant drawnAt, Long baselineRunId) {
}
