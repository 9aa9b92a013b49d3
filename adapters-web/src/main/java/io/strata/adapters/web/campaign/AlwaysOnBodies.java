package io.strata.adapters.web.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import io.strata.domain.campaign.Campaign;
import io.strata.application.campaign.AlwaysOnPage;
import io.strata.application.campaign.AlwaysOnView;
import io.strata.application.campaign.Cohort;
import io.strata.application.campaign.HoldoutView;
import io.strata.application.campaign.ProgrammeEffect;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.ConfidenceInterval;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.RevenueSample;
import io.strata.domain.campaign.ZTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** JSON bodies of always-on campaigns and of the global holdout; the statistics come from the domain, as for a launch's results. */
final class AlwaysOnBodies {

    private AlwaysOnBodies() {
    }

    record StopRequest(
            @Schema(maxLength = Campaign.Cancelled.MAX_REASON_LENGTH, description = "Why the campaign stops: at most "
                    + Campaign.Cancelled.MAX_REASON_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String reason) {
    }

    record HoldoutRequest(BigDecimal sharePercent) {
    }

    record IntervalBody(BigDecimal low, BigDecimal high) {
        static IntervalBody of(ConfidenceInterval interval) {
            return interval == null ? null : new IntervalBody(interval.low(), interval.high());
        }
    }

    record GroupBody(long customers, long converters, BigDecimal conversionRate, BigDecimal revenue, BigDecimal revenuePerCustomer,
                     Long movedUp, BigDecimal migrationRate) {
        static GroupBody of(GroupOutcome g) {
            return new GroupBody(g.customers(), g.converters(), g.conversionRate(), g.revenue(), g.revenuePerCustomer(), g.movedUp(),
                    g.migrationRate());
        }
    }

    /** Treatment against control: the uplift in conversion with its 95 % interval and the z-test, and the migration uplift. */
    record ComparisonBody(GroupBody treatment, GroupBody control, BigDecimal absoluteUplift, IntervalBody upliftInterval,
                          BigDecimal relativeUplift, Double zScore, Double pValue, BigDecimal migrationUplift) {
        static ComparisonBody of(CampaignResult r) {
            ZTest test = r.significance().orElse(null);
            GroupOutcome t = r.treatment();
            GroupOutcome c = r.control();
            return new ComparisonBody(GroupBody.of(t), GroupBody.of(c), r.absoluteUplift(),
                    IntervalBody.of(ConfidenceInterval.ofShareDifference(t.converters(), t.customers(), c.converters(), c.customers())),
                    r.relativeUplift(), test == null ? null : test.z(), test == null ? null : test.pValue(), r.migrationUplift());
        }
    }

    record CohortBody(long runId, LocalDate asOf, long previousRunId, Instant formedAt, long entered, long excludedForConsent,
                      long treatment, long control, Instant windowEnd, boolean windowClosed, Long laterRunId, ComparisonBody results) {
        static CohortBody of(AlwaysOnView.CohortResult result) {
            Cohort c = result.cohort();
            return new CohortBody(c.runId(), c.asOf(), c.previousRunId(), c.formedAt(), c.counts().members(), c.counts().excludedForConsent(),
                    c.counts().treatment(), c.counts().control(), result.windowEnd(), result.windowClosed(), result.laterRunId(),
                    ComparisonBody.of(result.result()));
        }
    }

    /**
     * {@code cohorts}: a page of them, in run order (the newest unless a cursor asked for older ones); {@code total}:
     * every cohort's conversions together (migration left out, since the newest cohort has no later run yet);
     * {@code migration}: the cohorts that have a later run, {@code cohortsWithLaterRun} of them; {@code cohortCount}: how
     * many cohorts there are (session 53). Totals and counts are over every cohort, whatever the page.
     */
    record AlwaysOnBody(long campaignId, String name, String targetSegment, Long tacticalSegmentId, String state, List<String> allowed,
                        long baselineRunId, Instant startedAt, Instant changedAt, String stopReason, List<CohortBody> cohorts,
                        ComparisonBody total, long cohortsWithLaterRun, ComparisonBody migration, long cohortCount) {
        static AlwaysOnBody of(AlwaysOnPage page) {
            AlwaysOnView v = page.view();
            return new AlwaysOnBody(v.campaignId(), v.name(), v.targetSegment(), v.tacticalSegmentId(), v.state().name(), v.allowed(),
                    v.baselineRunId(), v.startedAt(), v.changedAt(), v.stopReason(), v.cohorts().stream().map(CohortBody::of).toList(),
                    ComparisonBody.of(v.total()), page.totals().cohortsWithLaterRun(), ComparisonBody.of(v.migration()),
                    page.totals().cohorts());
        }
    }

    record HoldoutBody(BigDecimal sharePercent, int draw, Instant drawnAt, Long baselineRunId, long customers, long heldOut) {
        static HoldoutBody of(HoldoutView v) {
            return new HoldoutBody(v.sharePercent(), v.draw(), v.drawnAt(), v.baselineRunId(), v.customers(), v.heldOut());
        }
    }

    record RevenueBody(long customers, BigDecimal revenue, BigDecimal revenuePerCustomer, IntervalBody interval) {
        static RevenueBody of(RevenueSample s) {
            return new RevenueBody(s.customers(), s.revenue(), s.perCustomer(), IntervalBody.of(s.interval()));
        }
    }

    record MovedUpBody(long customers, long movedUp, BigDecimal share, IntervalBody interval) {
        static MovedUpBody of(GroupOutcome g) {
            return new MovedUpBody(g.customers(), g.movedUp(), g.migrationRate(), IntervalBody.of(ConfidenceInterval.ofShare(g.movedUp(), g.customers())));
        }
    }

    /** Everyone else against the holdout: the differences, with their 95 % intervals and p-values. */
    record EffectBody(HoldoutBody holdout, Instant from, Instant to, RevenueBody heldOutRevenue, RevenueBody othersRevenue,
                      BigDecimal revenueUplift, IntervalBody revenueUpliftInterval, Double revenuePValue, Long baselineRunId, Long laterRunId,
                      MovedUpBody heldOutMovedUp, MovedUpBody othersMovedUp, BigDecimal movedUpUplift, IntervalBody movedUpUpliftInterval,
                      Double movedUpPValue) {
        static EffectBody of(ProgrammeEffect e) {
            CampaignResult m = e.migration();
            GroupOutcome others = m == null ? null : m.treatment();
            GroupOutcome held = m == null ? null : m.control();
            ZTest test = m == null ? null : ZTest.of(others.movedUp(), others.customers(), held.movedUp(), held.customers()).orElse(null);
            return new EffectBody(HoldoutBody.of(e.holdout()), e.from(), e.to(), RevenueBody.of(e.heldOut()), RevenueBody.of(e.others()),
                    e.others().difference(e.heldOut()), IntervalBody.of(e.others().differenceInterval(e.heldOut())),
                    e.others().differencePValue(e.heldOut()), e.baselineRunId(), e.laterRunId(),
                    held == null ? null : MovedUpBody.of(held), others == null ? null : MovedUpBody.of(others), m == null ? null : m.migrationUplift(),
                    m == null ? null : IntervalBody.of(ConfidenceInterval.ofShareDifference(others.movedUp(), others.customers(), held.movedUp(),
                            held.customers())),
                    test == null ? null : test.pValue());
        }
    }
}
