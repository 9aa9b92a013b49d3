package io.strata.application.campaign;

import io.strata.domain.edit.Revision;

import io.strata.domain.campaign.GlobalHoldout;

import java.time.Instant;

/** The holdout as stored: the rule, when the current draw was made, and the latest completed run at that moment (if any). */
public record StoredHoldout(GlobalHoldout holdout, Instant drawnAt, Long baselineRunId) {

    /** The revision of the holdout as stored: share, draw, when it was drawn and its baseline run. */
    public Revision revision() {
        return revisionOf(holdout.sharePercent(), holdout.draw(), drawnAt, baselineRunId);
    }

    static Revision revisionOf(java.math.BigDecimal sharePercent, int draw, Instant drawnAt, Long baselineRunId) {
        return Revision.of("holdout", sharePercent.stripTrailingZeros().toPlainString(), draw, drawnAt, baselineRunId);
    }
}
