package io.strata.application.campaign;

import java.util.List;

import io.strata.application.audit.EditCheck;

import io.strata.domain.edit.Revision;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.in.ManageHoldout;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.port.out.Holdouts;
import io.strata.application.segmentation.CompletedRunFollowUp;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GlobalHoldout;
import io.strata.domain.campaign.GroupOutcome;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The global holdout: its share and draw (changed by a planner, each change audited), and the programme's effect, everyone
 * else against the holdout. The holdout itself is enforced where audiences are made (the persistence adapter's one
 * audience statement, for launches and always-on cohorts alike), not here, so no path can forget it.
 */
public final class ProgrammeHoldout implements ManageHoldout, CompletedRunFollowUp {

    private final Holdouts holdouts;
    private final CampaignTargets targets;
    private final CampaignOutcomes outcomes;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;
    private final Clock clock;

    public ProgrammeHoldout(Holdouts holdouts, CampaignTargets targets, CampaignOutcomes outcomes, AuditTrail audit, CurrentActor actor,
                            Transactions transactions, Clock clock) {
        this.holdouts = holdouts;
        this.targets = targets;
        this.outcomes = outcomes;
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public HoldoutView holdout() {
        return view(holdouts.current());
    }

    @Override
    public HoldoutView changeShare(BigDecimal sharePercent, List<Revision> seen) {
        GlobalHoldout.standard().withShare(sharePercent); // refuses a wrong share before anything is held
        return view(transactions.inOne(() -> {
            StoredHoldout current = holdouts.lockForChange();
            new EditCheck(audit).require(seen, current.revision(), "The global holdout", "holdout", "global");
            StoredHoldout changed = new StoredHoldout(current.holdout().withShare(sharePercent), current.drawnAt(), current.baselineRunId());
            holdouts.save(changed);
            record("share " + current.holdout().sharePercent().toPlainString() + "% -> " + sharePercent.toPlainString() + "% (draw "
                    + current.holdout().draw() + ")");
            return changed;
        }));
    }

    /** A new draw also restarts the measurement: the baseline becomes the latest completed run, the revenue counts from now. */
    @Override
    public HoldoutView redraw() {
        return view(transactions.inOne(() -> {
            StoredHoldout current = holdouts.lockForChange();
            Long baseline = targets.latestCompletedRun().map(run -> run.runId()).orElse(null);
            StoredHoldout drawn = new StoredHoldout(current.holdout().redrawn(), clock.instant(), baseline);
            holdouts.save(drawn);
            record("draw " + current.holdout().draw() + " -> " + drawn.holdout().draw() + " (share " + drawn.holdout().sharePercent().toPlainString()
                    + "%)");
            return drawn;
        }));
    }

    private void record(String detail) {
        audit.record(AuditEntry.of(actor.name(), AuditAction.CHANGED, "holdout", "global").withDetail(detail));
    }

    private HoldoutView view(StoredHoldout stored) {
        HoldoutSize size = holdouts.size();
        return new HoldoutView(stored.holdout().sharePercent(), stored.holdout().draw(), stored.drawnAt(), stored.baselineRunId(),
                size.customers(), size.heldOut());
    }

    /**
     * Revenue per customer from the draw until now; moved-up share from the baseline run (the latest completed at the
     * draw, else the first completed after it) to the latest completed run of the same segmentation after it.
     */
    @Override
    public ProgrammeEffect effect() {
        StoredHoldout stored = holdouts.current();
        Instant now = clock.instant();
        HoldoutRevenue revenue = holdouts.revenue(stored.drawnAt(), now);
        Optional<Long> baseline = Optional.ofNullable(stored.baselineRunId()).or(() -> holdouts.firstRunCompletedAfter(stored.drawnAt()));
        Optional<Long> later = baseline.flatMap(outcomes::laterRun);
        CampaignResult migration = later.map(to -> {
            HoldoutMigration moved = holdouts.migration(baseline.get(), to);
            return new CampaignResult(new GroupOutcome(moved.others(), 0, BigDecimal.ZERO, moved.othersMovedUp()),
                    new GroupOutcome(moved.heldOut(), 0, BigDecimal.ZERO, moved.heldOutMovedUp()));
        }).orElse(null);
        // the revenue's sides count every customer: the holdout's size without another pass over them
        HoldoutView holdout = new HoldoutView(stored.holdout().sharePercent(), stored.holdout().draw(), stored.drawnAt(),
                stored.baselineRunId(), revenue.heldOut().customers() + revenue.others().customers(), revenue.heldOut().customers());
        return new ProgrammeEffect(holdout, stored.drawnAt(), now, revenue.heldOut(), revenue.others(), baseline.orElse(null),
                later.orElse(null), migration);
    }

    /**
     * Measures the programme once per completed run and keeps it: every customer is read here, on the run's worker,
     * instead of on each visit of the dashboard.
     */
    @Override
    public void afterCompletion(long runId) {
        ProgrammeEffect effect = effect();
        holdouts.saveMeasurement(new ProgrammeMeasurement(runId, effect.to(), effect));
    }

    @Override
    public ProgrammeStanding standing() {
        StoredHoldout current = holdouts.current();
        return new ProgrammeStanding(current, holdouts.latestMeasurement().filter(measurement -> measurement.measures(current)));
    }
}
