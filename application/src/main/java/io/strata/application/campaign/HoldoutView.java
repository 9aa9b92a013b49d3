package io.strata.application.campaign;

import io.strata.domain.edit.Revision;

import java.math.BigDecimal;
import java.time.Instant;

/** The global holdout as it stands: its share, its draw, when it was drawn and how many customers it holds out now. */
public record HoldoutView(BigDecimal sharePercent, int draw, Instant drawnAt, Long baselineRunId, long customers, long heldOut) {

    /** The revision of the holdout shown (what {@link StoredHoldout#revision()} says of it). */
    public Revision revision() {
        return StoredHoldout.revisionOf(sharePercent, draw, drawnAt, baselineRunId);
    }
}
