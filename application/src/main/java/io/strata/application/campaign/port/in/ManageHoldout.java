package io.strata.application.campaign.port.in;

import java.util.List;

import io.strata.domain.edit.Revision;

import io.strata.application.campaign.HoldoutView;
import io.strata.application.campaign.ProgrammeEffect;
import io.strata.application.campaign.ProgrammeStanding;

import java.math.BigDecimal;

/** Use case: the global holdout, a share of all customers no campaign reaches, and the programme's effect against it. */
public interface ManageHoldout {

    HoldoutView holdout();

    /** Changes the share (0–50 %); the same draw, so those already held out stay held out when it grows. */
    default HoldoutView changeShare(BigDecimal sharePercent) {
        return changeShare(sharePercent, null);
    }

    /**
     * Changes the share if the holdout is still in one of the revisions {@code seen} (what the editor read; null:
     * whatever it is now); otherwise {@link io.strata.application.audit.EditedMeanwhile} and nothing changes.
     */
    HoldoutView changeShare(BigDecimal sharePercent, List<Revision> seen);

    /** Draws other customers by the same rule; the programme's effect is measured from this moment on. */
    HoldoutView redraw();

    /** Measured now, reading every customer: for the API, which answers with the effect at this moment. */
    ProgrammeEffect effect();

    /** The latest measurement taken after a completed run, if it measured the current holdout: one row, for the dashboard. */
    ProgrammeStanding standing();
}
