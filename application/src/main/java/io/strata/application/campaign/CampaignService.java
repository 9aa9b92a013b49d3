package io.strata.application.campaign;

import io.strata.application.tactical.RunSize;
import io.strata.application.campaign.port.out.Campaigns;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.port.in.PlanCampaigns;
import io.strata.application.campaign.port.in.MeasureCampaigns;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.segmentation.port.out.SegmentationDefinitions;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.application.tactical.port.out.TacticalSegments;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.Transition;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentCount;
import io.strata.domain.tactical.TacticalSegment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Campaigns from plan to results. The domain decides which transitions a state allows; this service fetches what a
 * transition needs (the latest completed run, the frozen audience) and stores the new state with its audit entry as
 * one unit of work, holding the campaign meanwhile so that a concurrent change waits and then sees the new state.
 */
public final class CampaignService implements PlanCampaigns, RunCampaigns, MeasureCampaigns {

    private final Campaigns campaigns;
    private final CampaignAudiences audiences;
    private final DeliveryOutbox outbox;
    private final DeliveryRelay relay;
    private final CampaignOutcomes outcomes;
    private final SegmentationDefinitions segmentations;
    private final SegmentationRuns runs;
    private final TacticalSegments tacticalSegments;
    private final TacticalMembership tacticalMembers;
    private final Clock clock;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;

    public CampaignService(Campaigns campaigns, CampaignAudiences audiences, DeliveryOutbox outbox, DeliveryRelay relay,
                           CampaignOutcomes outcomes, SegmentationDefinitions segmentations, SegmentationRuns runs,
                           TacticalSegments tacticalSegments, TacticalMembership tacticalMembers, Clock clock, AuditTrail audit,
                           CurrentActor actor, Transactions transactions) {
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.outbox = outbox;
        this.relay = relay;
        this.outcomes = outcomes;
        this.segmentations = segmentations;
        this.runs = runs;
        this.tacticalSegments = tacticalSegments;
        this.tacticalMembers = tacticalMembers;
        this.clock = clock;
    }

    @Override
    public StoredCampaign create(CampaignPlan plan) {
        checkTargetIsActiveSegment(plan);
        plan.requireTacticalSegmentsInsideTarget(this::tacticalSegment);
        long id = transactions.inOne(() -> {
            long added = campaigns.add(plan);
            audit.record(AuditEntry.of(actor.name(), AuditAction.CREATED, "campaign", Long.toString(added))
                    .withAfter(json(plan)).withDetail("target " + plan.target().segmentKey()));
            return added;
        });
        return campaign(id);
    }

    @Override
    public StoredCampaign edit(long id, CampaignPlan plan) {
        campaign(id).campaign().require(Transition.EDIT);
        checkTargetIsActiveSegment(plan);
        plan.requireTacticalSegmentsInsideTarget(this::tacticalSegment);
        return change(id, current -> current.edit(plan));
    }

    @Override
    public StoredCampaign campaign(long id) {
        return campaigns.find(id).orElseThrow(() -> new CampaignNotFound(id));
    }

    @Override
    public List<StoredCampaign> campaigns() {
        return campaigns.all();
    }

    @Override
    public ActionPlan actionPlan() {
        StoredSegmentation active = activeSegmentation();
        Optional<StoredRun> latest = latestRunOf(active.id());
        Map<String, Long> sizes = latest.map(run -> run.segments().stream().collect(Collectors.toMap(SegmentCount::key, SegmentCount::customers)))
                .orElse(Map.of());
        Map<String, List<StoredCampaign>> byTarget = campaigns.all().stream()
                .collect(Collectors.groupingBy(c -> c.campaign().plan().target().segmentKey()));
        List<ActionPlan.SegmentPlan> segments = active.definition().segmentsByRank().stream()
                .map(segment -> new ActionPlan.SegmentPlan(segment, latest.isPresent() ? sizes.getOrDefault(segment.key(), 0L) : null,
                        byTarget.getOrDefault(segment.key(), List.of())))
                .toList();
        return new ActionPlan(active.id(), active.definition().name(), latest.map(StoredRun::runId).orElse(null), segments);
    }

    @Override
    public StoredCampaign schedule(long id, Instant startAt) {
        return change(id, current -> current.schedule(clock.instant(), startAt));
    }

    /**
     * Freezing the audience, storing the new state, enqueueing the deliveries and the audit entry are one unit of
     * work: a failure in any leaves the campaign launchable as before. The relay starts only once all of it is
     * committed, so it never looks for deliveries that are not there yet.
     */
    @Override
    public StoredCampaign launch(LaunchCommand command) {
        StoredCampaign launched = transactions.inOne(() -> launchHeld(command));
        relay.relayLater(command.campaignId());
        return launched;
    }

    private StoredCampaign launchHeld(LaunchCommand command) {
        Campaign current = held(command.campaignId());
        current.require(Transition.LAUNCH);
        Instant launchedAt = command.at(clock.instant());
        CampaignPlan plan = current.plan();
        StoredRun run = runs.latestCompleted().flatMap(runs::find)
                .orElseThrow(() -> new CampaignConflict("no segmentation run has completed yet, so there is no audience to freeze;"
                        + " run the active segmentation first (POST /api/v1/segmentation-runs)"));
        if (run.segments().stream().noneMatch(s -> s.key().equals(plan.target().segmentKey()))) {
            throw new CampaignConflict("the latest completed run " + run.runId() + " (" + run.segmentationName() + ") has no segment '"
                    + plan.target().segmentKey() + "'; run the segmentation that has it, or edit the campaign's target");
        }
        requireTacticalMembersIn(run.runId(), current.id(), plan);
        AudienceCounts audience = audiences.freeze(current.id(), run.runId(), plan);
        StoredCampaign launched = store(current.launch(new Launch(launchedAt, run.runId(), audience)), current);
        outbox.enqueue(current.id());
        return launched;
    }

    @Override
    public StoredCampaign complete(long id) {
        return change(id, current -> current.complete(clock.instant()));
    }

    @Override
    public StoredCampaign cancel(long id, String reason) {
        return change(id, current -> current.cancel(clock.instant(), reason));
    }

    /** One transition of a held campaign and its audit entry, as one unit of work. */
    private StoredCampaign change(long id, Function<Campaign, Campaign> transition) {
        return transactions.inOne(() -> {
            Campaign current = held(id);
            return store(transition.apply(current), current);
        });
    }

    /** The campaign as it is now, held against concurrent changes until the unit of work ends. */
    private Campaign held(long id) {
        return campaigns.lockForChange(id).orElseThrow(() -> new CampaignNotFound(id)).campaign();
    }

    @Override
    public DispatchReport dispatch(long id) {
        launchOf(id);
        boolean configured = relay.webhookConfigured(id);
        DeliveryCounts counts = outbox.counts(id);
        if (configured) {
            relay.relayLater(id);
        }
        return new DispatchReport(id, configured, configured ? counts.pending() + counts.failed() : 0, counts);
    }

    @Override
    public AudienceView audience(long id) {
        Launch launch = launchOf(id);
        return new AudienceView(id, launch.runId(), launch.launchedAt(), launch.audience(), audiences.countsByAction(id), outbox.counts(id));
    }

    @Override
    public void members(long id, Consumer<AudienceMember> members) {
        launchOf(id);
        audiences.members(id, members);
    }

    @Override
    public void deliveries(long id, Consumer<Delivery> deliveries) {
        launchOf(id);
        outbox.stream(id, deliveries);
    }

    @Override
    public ResultsView results(long id) {
        Campaign campaign = campaign(id).campaign();
        Launch launch = launchOf(campaign);
        Instant windowEnd = campaign.plan().attributionWindow().end(launch.launchedAt());
        List<GroupConversions> conversions = outcomes.conversions(id, launch.launchedAt(), windowEnd);
        Optional<Long> laterRun = outcomes.laterRun(launch.runId());
        Optional<List<GroupMovedUp>> movedUp = laterRun.map(later -> outcomes.movedUp(id, launch.runId(), later));
        List<ResultsView.ActionListResult> byActionList = campaign.plan().actionLists().stream()
                .map(list -> new ResultsView.ActionListResult(list, result(conversions, movedUp, list::equals))).toList();
        return new ResultsView(id, campaign.state(), launch.launchedAt(), windowEnd, !clock.instant().isBefore(windowEnd),
                launch.runId(), laterRun.orElse(null), result(conversions, movedUp, list -> true), byActionList);
    }

    /** Treatment against control over the members of the action lists {@code lists} accepts; lists nobody got count as empty. */
    private static CampaignResult result(List<GroupConversions> conversions,
                                         Optional<List<GroupMovedUp>> movedUp, Predicate<ActionList> lists) {
        return new CampaignResult(outcome(conversions, movedUp, lists, AudienceGroup.TREATMENT),
                outcome(conversions, movedUp, lists, AudienceGroup.CONTROL));
    }

    /** The sum over the action lists' parts of one group (each member is in exactly one list); migration only after a later run. */
    private static GroupOutcome outcome(List<GroupConversions> conversions,
                                        Optional<List<GroupMovedUp>> movedUp, Predicate<ActionList> lists, AudienceGroup group) {
        GroupOutcome sum = GroupOutcome.empty(movedUp.isPresent());
        for (GroupConversions part : conversions) {
            if (part.group() == group && lists.test(part.actionList())) {
                Long moved = movedUp.map(rows -> rows.stream().filter(m -> m.group() == group && m.actionList().equals(part.actionList()))
                        .mapToLong(GroupMovedUp::movedUp).sum()).orElse(null);
                sum = sum.plus(new GroupOutcome(part.customers(), part.converters(), part.revenue(), moved));
            }
        }
        return sum;
    }

    private Launch launchOf(long id) {
        return launchOf(campaign(id).campaign());
    }

    private static Launch launchOf(Campaign campaign) {
        return campaign.launched().orElseThrow(() -> new CampaignConflict("campaign " + campaign.id() + " is " + campaign.state()
                + " and has not been launched, so it has no audience, deliveries or results yet; schedule and launch it first"));
    }

    private StoredCampaign store(Campaign next, Campaign current) {
        if (!campaigns.update(next, current.state())) {
            Campaign now = campaign(current.id()).campaign();
            throw now.refused(transitionTo(next));
        }
        AuditAction action = switch (next.state()) {
            case RUNNING -> AuditAction.LAUNCHED;
            case CANCELLED -> AuditAction.CANCELLED;
            default -> AuditAction.CHANGED;
        };
        AuditEntry entry = AuditEntry.of(actor.name(), action, "campaign", Long.toString(next.id()))
                .withDetail(current.state() + " -> " + next.state());
        if (!next.plan().equals(current.plan())) {
            entry = entry.withBefore(json(current.plan())).withAfter(json(next.plan()));
        }
        audit.record(entry);
        return campaign(next.id());
    }

    /** The plan as the audit trail keeps it: everything a planner can change, so an edit shows what it changed. */
    static AuditSnapshot.Values json(CampaignPlan plan) {
        return AuditSnapshot.of("name", plan.name(), "objective", plan.objective(), "targetSegment", plan.target().segmentKey(),
                "tacticalSegmentId", plan.target().tacticalSegmentId(),
                "actions", plan.actions().stream().map(CampaignService::describe).toList().toString(),
                "tacticalActions", plan.tacticalActions().stream()
                        .map(t -> "tactical " + t.tacticalSegmentId() + ": " + describe(t.action())).toList().toString(),
                "controlGroupPercent", plan.controlGroup().percent(), "attributionWindowDays", plan.attributionWindow().days(),
                "startAt", plan.startAt());
    }

    private static String describe(Action action) {
        if (action instanceof Action.Offer offer) {
            return "offer " + offer.percent().toPlainString() + "% " + offer.content();
        }
        return action.channel().key() + " " + ((Action.Message) action).content();
    }

    private static Transition transitionTo(Campaign next) {
        return switch (next.state()) {
            case DRAFT -> Transition.EDIT;
            case SCHEDULED -> Transition.SCHEDULE;
            case RUNNING -> Transition.LAUNCH;
            case COMPLETED -> Transition.COMPLETE;
            case CANCELLED -> Transition.CANCEL;
        };
    }

    private void checkTargetIsActiveSegment(CampaignPlan plan) {
        GeneralSegmentation active = activeSegmentation().definition();
        if (active.segment(plan.target().segmentKey()).isEmpty()) {
            throw new InvalidCampaign("targetSegment", "'" + plan.target().segmentKey() + "' is not a segment of the active general segmentation "
                    + active.name() + "; its segments are " + active.keys());
        }
    }

    private StoredSegmentation activeSegmentation() {
        return segmentations.active().orElseThrow(() -> new CampaignConflict("no general segmentation is active, and campaigns are planned"
                + " against its segments; create one (POST /api/v1/segmentations) and activate it first"));
    }

    private Optional<StoredRun> latestRunOf(long segmentationId) {
        // sizes only from a run of the active segmentation: another segmentation's counts would mislabel its segments
        return runs.latestCompleted().flatMap(runs::find).filter(run -> run.segmentationId() == segmentationId);
    }

    private Optional<TacticalSegment> tacticalSegment(long id) {
        return tacticalSegments.find(id).map(StoredTacticalSegment::segment);
    }

    /**
     * The plan's tactical segments must lie inside the target, and their members must have been computed in the run
     * the audience is frozen from: otherwise a narrowed audience would be silently empty, and a tactical segment's
     * members would silently get the default actions.
     */
    private void requireTacticalMembersIn(long runId, long campaignId, CampaignPlan plan) {
        if (!plan.needsTacticalMembership()) {
            return;
        }
        Set<Long> computed = tacticalMembers.sizes(runId).stream().map(RunSize::tacticalId).collect(Collectors.toSet());
        for (long id : plan.tacticalSegmentIds()) {
            Optional<TacticalSegment> tactical = tacticalSegment(id);
            if (tactical.isPresent() && !plan.target().contains(tactical.get())) {
                throw new TacticalSegmentOutsideTarget(campaignId, id, tactical.get().name(), tactical.get().parentSegment(),
                        plan.target().segmentKey());
            }
            if (!computed.contains(id)) {
                String named = tactical.map(t -> "tactical segment " + id + " '" + t.name() + "'").orElse("tactical segment " + id);
                throw new CampaignConflict("campaign " + campaignId + " names " + named + ", but run " + runId + ", the latest completed"
                        + " run, has no members computed for it (it did not exist yet or was already archived when that run computed"
                        + " memberships, or its rule could not be evaluated then), so its members are unknown; run the segmentation again"
                        + " (POST /api/v1/segmentation-runs) and launch then");
            }
        }
    }
}
