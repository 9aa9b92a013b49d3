package io.strata.adapters.web.dashboard;

import io.strata.application.campaign.ProgrammeEffect;
import io.strata.application.campaign.ProgrammeMeasurement;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.ConfidenceInterval;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.RevenueSample;
import io.strata.domain.campaign.ZTest;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The programme's uplift against the global holdout on the dashboard: revenue per customer and moved-up share, holdout
 * and everyone else, each with its 95 % interval, and the difference with its interval and p-value, as measured right
 * after run {@code measuredAfterRun} completed (revenue from the draw until {@code to}).
 */
public record ProgrammePanel(long measuredAfterRun, Instant to, BigDecimal sharePercent, int draw, long heldOut, long customers, Instant from,
                             Side revenueHeldOut,
                             Side revenueOthers, Side revenueUplift, Double revenuePValue, Long baselineRunId, Long laterRunId,
                             Side movedUpHeldOut, Side movedUpOthers, Side movedUpUplift, Double movedUpPValue) {

    /** One figure with its 95 % interval (null ends when undefined). */
    public record Side(BigDecimal value, BigDecimal low, BigDecimal high, Long customers) {
        static Side of(BigDecimal value, ConfidenceInterval interval, Long customers) {
            return new Side(value, interval == null ? null : interval.low(), interval == null ? null : interval.high(), customers);
        }
    }

    static ProgrammePanel of(ProgrammeMeasurement measurement) {
        ProgrammeEffect e = measurement.effect();
        RevenueSample held = e.heldOut();
        RevenueSample others = e.others();
        CampaignResult m = e.migration();
        Side movedHeld = null;
        Side movedOthers = null;
        Side movedUplift = null;
        Double movedP = null;
        if (m != null) {
            GroupOutcome o = m.treatment();
            GroupOutcome h = m.control();
            movedHeld = Side.of(h.migrationRate(), ConfidenceInterval.ofShare(h.movedUp(), h.customers()), h.customers());
            movedOthers = Side.of(o.migrationRate(), ConfidenceInterval.ofShare(o.movedUp(), o.customers()), o.customers());
            movedUplift = Side.of(m.migrationUplift(), ConfidenceInterval.ofShareDifference(o.movedUp(), o.customers(), h.movedUp(), h.customers()),
                    null);
            movedP = ZTest.of(o.movedUp(), o.customers(), h.movedUp(), h.customers()).map(ZTest::pValue).orElse(null);
        }
        return new ProgrammePanel(measurement.runId(), e.to(), e.holdout().sharePercent(), e.holdout().draw(), e.holdout().heldOut(), e.holdout().customers(), e.from(),
                Side.of(held.perCustomer(), held.interval(), held.customers()), Side.of(others.perCustomer(), others.interval(), others.customers()),
                Side.of(others.difference(held), others.differenceInterval(held), null), others.differencePValue(held), e.baselineRunId(),
                e.laterRunId(), movedHeld, movedOthers, movedUplift, movedP);
    }
}
