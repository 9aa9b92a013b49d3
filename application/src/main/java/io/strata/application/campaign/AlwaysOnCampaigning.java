package io.strata.application.campaign;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.in.RunAlwaysOnCampaigns;
import io.strata.application.campaign.port.out.AlwaysOnCampaigns;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.CohortOutcomes;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.segmentation.RunFollowUp;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.domain.campaign.AlwaysOnState;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.CampaignState;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.Transition;
import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Always-on campaigns: started from a scheduled campaign, they join every completed run (as a {@link RunFollowUp},
 * after the tactical memberships) and admit the customers who entered the target since the previous run as a cohort,
 * through the same audience code as a launch (so the global holdout and consent apply alike), then enqueue the treated
 * cohort's deliveries in the existing outbox and relay them once that is committed.
 */
public final class AlwaysOnCampaigning implements RunAlwaysOnCampaigns, RunFollowUp {

    private static final Logger log = Logger.getLogger(AlwaysOnCampaigning.class.getName());
    private static final AudienceCounts NOBODY_YET = new AudienceCounts(0, 0, 0, 0);

    private final StoredCampaigns stored;
    private final CampaignChanges changes;
    private final CampaignTargets targets;
    private final CampaignAudiences audiences;
    private final DeliveryOutbox outbox;
    private final DeliveryRelay relay;
    private final AlwaysOnCampaigns alwaysOn;
    private final CohortOutcomes outcomes;
    private final SegmentationRuns runs;
    private final Audit audit;
    private final Clock clock;

    /** The audit trail's ports and the unit of work, together, so that the service's own dependencies stay readable. */
    public record Audit(AuditTrail trail, CurrentActor actor, Transactions transactions) {
    }

    public AlwaysOnCampaigning(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets, CampaignAudiences audiences,
                               DeliveryOutbox outbox, DeliveryRelay relay, AlwaysOnCampaigns alwaysOn, CohortOutcomes outcomes,
                               SegmentationRuns runs, Audit audit, Clock clock) {
        this.stored = stored;
        this.changes = changes;
        this.targets = targets;
        this.audiences = audiences;
        this.outbox = outbox;
        this.relay = relay;
        this.alwaysOn = alwaysOn;
        this.outcomes = outcomes;
        this.runs = runs;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The campaign becomes RUNNING with the latest completed run as its baseline and an empty audience, in one unit of
     * work with its always-on record and both audit entries. Customers already in the target then are not entrants.
     */
    @Override
    public AlwaysOnPage start(long campaignId) {
        Instant now = clock.instant();
        AtomicLong baseline = new AtomicLong();
        changes.change(campaignId, current -> {
            current.require(Transition.LAUNCH);
            StoredRun run = targets.latestCompletedRun().orElseThrow(() -> new CampaignConflict("no segmentation run has completed yet,"
                    + " so there is no run to tell who enters the target from; run the active segmentation first", NextStep.RUN_THE_SEGMENTATION));
            CampaignPlan plan = current.plan();
            if (run.segments().stream().noneMatch(s -> s.key().equals(plan.target().segmentKey()))) {
                throw new CampaignConflict("the latest completed run " + run.runId() + " (" + run.segmentationName() + ") has no segment '"
                        + plan.target().segmentKey() + "'; run the segmentation that has it, or cancel the campaign and plan it again");
            }
            targets.requireTacticalMembersIn(run.runId(), campaignId, plan);
            baseline.set(run.runId());
            return current.launch(new Launch(now, run.runId(), NOBODY_YET));
        }, current -> {
            alwaysOn.start(campaignId, baseline.get(), now);
            record(campaignId, "always-on started (ACTIVE); customers who enter " + current.plan().target().segmentKey()
                    + " after run " + baseline.get() + " form cohorts");
        });
        return alwaysOnPage(campaignId, null, NEWEST_COHORTS);
    }

    @Override
    public AlwaysOnPage pause(long campaignId) {
        return change(campaignId, "pause", AlwaysOnState::pause, null);
    }

    @Override
    public AlwaysOnPage resume(long campaignId) {
        return change(campaignId, "resume", AlwaysOnState::resume, null);
    }

    /** Stopping completes the campaign in the same unit of work: nothing more goes out, the results stay. */
    @Override
    public AlwaysOnPage stop(long campaignId, String reason) {
        String why = reason == null ? "" : reason.strip();
        // as a cancellation's reason: the bound first, then no control characters (a NUL cannot be stored at all: it was a 500)
        io.strata.domain.text.PlainText.tooLong("the reason", why, Campaign.Cancelled.MAX_REASON_LENGTH)
                .or(() -> io.strata.domain.text.PlainText.refusal("the reason", why)).ifPresent(refused -> {
                    throw new io.strata.domain.campaign.InvalidCampaign("reason", refused);
                });
        audit.transactions().inOne(() -> {
            change(campaignId, "stop", AlwaysOnState::stop, why);
            if (stored.campaign(campaignId).campaign().state() == CampaignState.RUNNING) {
                changes.change(campaignId, current -> current.complete(clock.instant()));
            }
            return null;
        });
        return alwaysOnPage(campaignId, null, NEWEST_COHORTS);
    }

    private AlwaysOnPage change(long campaignId, String action, UnaryOperator<AlwaysOnState> transition, String reason) {
        audit.transactions().inOne(() -> {
            AlwaysOn current = alwaysOn.lockForChange(campaignId).orElseThrow(() -> notAlwaysOn(campaignId));
            AlwaysOnState next;
            try {
                next = transition.apply(current.state());
            } catch (IllegalStateException refused) {
                throw new CampaignConflict("campaign " + campaignId + ": " + refused.getMessage());
            }
            alwaysOn.update(campaignId, next, clock.instant(), reason);
            record(campaignId, "always-on " + current.state() + " -> " + next + (reason == null || reason.isEmpty() ? "" : ": " + reason));
            return null;
        });
        return alwaysOnPage(campaignId, null, NEWEST_COHORTS);
    }

    private void record(long campaignId, String detail) {
        audit.trail().record(AuditEntry.of(audit.actor().name(), AuditAction.CHANGED, "campaign", Long.toString(campaignId)).withDetail(detail));
    }

    private CampaignConflict notAlwaysOn(long campaignId) {
        stored.campaign(campaignId);
        return new CampaignConflict("campaign " + campaignId + " is not always-on; schedule it and start it always-on first");
    }

    /**
     * Every active always-on campaign admits its cohort of this run. A campaign that cannot (its target is not a segment
     * of this run's segmentation, its tactical members were not computed) is skipped and logged: the run itself and the
     * other campaigns go on.
     */
    @Override
    public void afterAssignment(long runId, GeneralSegmentation definition, LocalDate asOf) {
        for (long campaignId : alwaysOn.active()) {
            try {
                admit(campaignId, runId, definition, asOf).filter(cohort -> cohort.counts().treatment() > 0)
                        .ifPresent(cohort -> relay.relayLater(campaignId));
            } catch (RuntimeException e) {
                log.warning("run " + runId + ": always-on " + stored.named(campaignId) + " formed no cohort: " + e.getMessage());
            }
        }
    }

    private Optional<Cohort> admit(long campaignId, long runId, GeneralSegmentation definition, LocalDate asOf) {
        return audit.transactions().inOne(() -> {
            AlwaysOn held = alwaysOn.lockForChange(campaignId).orElseThrow();
            Campaign campaign = stored.campaign(campaignId).campaign();
            if (held.state() != AlwaysOnState.ACTIVE || campaign.state() != CampaignState.RUNNING || runId <= held.baselineRunId()
                    || alwaysOn.hasCohort(campaignId, runId)) {
                return Optional.<Cohort>empty();
            }
            CampaignPlan plan = campaign.plan();
            if (definition.segment(plan.target().segmentKey()).isEmpty()) {
                throw new CampaignConflict("the run's segmentation has no segment '" + plan.target().segmentKey() + "'");
            }
            Optional<Long> previous = runs.previousCompleted(runId).filter(p -> p >= held.baselineRunId());
            if (previous.isEmpty()) {
                throw new CampaignConflict("no earlier completed run of the same segmentation since the campaign started tells who entered");
            }
            targets.requireTacticalMembersIn(runId, campaignId, plan);
            targets.requireTacticalMembersIn(previous.get(), campaignId, plan);
            Instant admittedAt = clock.instant();
            AudienceCounts counts = audiences.admitCohort(campaignId, runId, previous.get(), plan, admittedAt);
            Cohort cohort = new Cohort(campaignId, runId, asOf, previous.get(), admittedAt, counts);
            alwaysOn.recordCohort(cohort);
            outbox.enqueue(campaignId);
            record(campaignId, "always-on cohort of run " + runId + ": " + counts.members() + " entered, " + counts.capped() + " capped, " + counts.excludedForConsent()
                    + " excluded for consent, " + counts.treatment() + " treated, " + counts.control() + " in the control group");
            return Optional.of(cohort);
        });
    }

    @Override
    public AlwaysOnPage alwaysOnPage(long campaignId, Long beforeRunId, int limit) {
        Campaign campaign = stored.campaign(campaignId).campaign();
        AlwaysOn state = alwaysOn.find(campaignId).orElseThrow(() -> notAlwaysOn(campaignId));
        Duration window = Duration.ofDays(campaign.plan().attributionWindow().days());
        int count = Math.max(1, Math.min(limit, 1000));
        // the newest cohorts of the page, one more to know whether there are older ones; shown in run order
        List<Cohort> fetched = alwaysOn.newestCohorts(campaignId, beforeRunId, count + 1);
        List<Cohort> shown = new ArrayList<>(fetched.subList(0, Math.min(count, fetched.size())));
        Long older = fetched.size() > count ? shown.get(count - 1).runId() : null;
        java.util.Collections.reverse(shown);
        List<Long> runIds = shown.stream().map(Cohort::runId).toList();
        CohortTotals totals = outcomes.totals(campaignId, window);
        AlwaysOnView view = view(campaign, state, shown, runIds.isEmpty() ? List.of() : outcomes.conversions(campaignId, window, runIds),
                runIds.isEmpty() ? List.of() : outcomes.movedUp(campaignId, runIds), totals);
        return new AlwaysOnPage(view, totals, older);
    }

    /** The view of the given cohorts (a page of them) with the totals over every cohort, computed in the database. */
    private AlwaysOnView view(Campaign campaign, AlwaysOn state, List<Cohort> cohorts, List<CohortConversions> conversions,
                              List<CohortMovedUp> moves, CohortTotals totals) {
        long campaignId = state.campaignId();
        // a campaign completed through the ordinary lifecycle stops being always-on with it
        AlwaysOnState effective = campaign.state() == CampaignState.RUNNING ? state.state() : AlwaysOnState.STOPPED;
        Duration window = Duration.ofDays(campaign.plan().attributionWindow().days());
        Instant now = clock.instant();
        List<AlwaysOnView.CohortResult> results = new ArrayList<>();
        for (Cohort cohort : cohorts) {
            Long later = moves.stream().filter(m -> m.runId() == cohort.runId()).map(CohortMovedUp::laterRunId).findFirst().orElse(null);
            GroupOutcome treatment = outcome(cohort, AudienceGroup.TREATMENT, conversions, moves, later);
            GroupOutcome control = outcome(cohort, AudienceGroup.CONTROL, conversions, moves, later);
            Instant windowEnd = cohort.formedAt().plus(window);
            results.add(new AlwaysOnView.CohortResult(cohort, windowEnd, !now.isBefore(windowEnd), later, new CampaignResult(treatment, control)));
        }
        return new AlwaysOnView(campaignId, campaign.plan().name(), campaign.plan().target().segmentKey(),
                campaign.plan().target().tacticalSegmentId(), effective, state.baselineRunId(), state.startedAt(), state.changedAt(),
                state.stopReason(), results, new CampaignResult(totals.treatment(), totals.control()),
                new CampaignResult(totals.migratedTreatment(), totals.migratedControl()),
                effective == state.state() ? effective.allowed() : List.of());
    }

    private static GroupOutcome outcome(Cohort cohort, AudienceGroup group, List<CohortConversions> conversions, List<CohortMovedUp> moves,
                                        Long later) {
        Long movedUp = later == null ? null : moves.stream().filter(m -> m.runId() == cohort.runId() && m.group() == group)
                .mapToLong(CohortMovedUp::movedUp).sum();
        return conversions.stream().filter(c -> c.runId() == cohort.runId() && c.group() == group).findFirst()
                .map(c -> new GroupOutcome(c.customers(), c.converters(), c.revenue(), movedUp))
                .orElse(GroupOutcome.empty(later != null));
    }
}
