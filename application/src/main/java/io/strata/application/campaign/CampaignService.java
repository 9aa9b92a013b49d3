package io.strata.application.campaign;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditTrail;
import io.strata.application.audit.CurrentActor;
import io.strata.application.segmentation.SegmentationDefinitions;
import io.strata.application.segmentation.SegmentationRunView;
import io.strata.application.segmentation.SegmentationRuns;
import io.strata.application.segmentation.StoredSegmentation;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.Transition;
import io.strata.domain.segmentation.GeneralSegmentation;
import io.strata.domain.segmentation.SegmentSummary;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Campaigns from plan to results. The domain decides which transitions a state allows; this service fetches what a
 * transition needs (the latest completed run, the frozen audience) and stores the new state only if nobody moved
 * the campaign meanwhile.
 */
public final class CampaignService implements PlanCampaigns, RunCampaigns, MeasureCampaigns {

    private final Campaigns campaigns;
    private final CampaignAudiences audiences;
    private final DeliveryOutbox outbox;
    private final DeliveryRelay relay;
    private final CampaignOutcomes outcomes;
    private final SegmentationDefinitions segmentations;
    private final SegmentationRuns runs;
    private final TacticalMembership tactical;
    private final Clock clock;
    private final AuditTrail audit;
    private final CurrentActor actor;

    public CampaignService(Campaigns campaigns, CampaignAudiences audiences, DeliveryOutbox outbox, DeliveryRelay relay,
                           CampaignOutcomes outcomes, SegmentationDefinitions segmentations, SegmentationRuns runs,
                           TacticalMembership tactical, Clock clock, AuditTrail audit, CurrentActor actor) {
        this.audit = audit;
        this.actor = actor;
        this.campaigns = campaigns;
        this.audiences = audiences;
        this.outbox = outbox;
        this.relay = relay;
        this.outcomes = outcomes;
        this.segmentations = segmentations;
        this.runs = runs;
        this.tactical = tactical;
        this.clock = clock;
    }

    @Override
    public StoredCampaign create(CampaignPlan plan) {
        checkTargetIsActiveSegment(plan);
        long id = campaigns.add(plan);
        audit.record(AuditEntry.of(actor.name(), AuditAction.CREATED, "campaign", Long.toString(id))
                .withDetail("target " + plan.target().segmentKey()));
        return campaign(id);
    }

    @Override
    public StoredCampaign edit(long id, CampaignPlan plan) {
        Campaign current = campaign(id).campaign();
        current.require(Transition.EDIT);
        checkTargetIsActiveSegment(plan);
        return store(current.edit(plan), current);
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
        Optional<SegmentationRunView> latest = latestRunOf(active.id());
        Map<String, Long> sizes = latest.map(run -> run.segments().stream().collect(Collectors.toMap(SegmentSummary::key, SegmentSummary::customers)))
                .orElse(Map.of());
        Map<String, List<StoredCampaign>> byTarget = campaigns.all().stream()
                .collect(Collectors.groupingBy(c -> c.campaign().plan().target().segmentKey()));
        List<ActionPlan.SegmentPlan> segments = active.definition().segmentsByRank().stream()
                .map(segment -> new ActionPlan.SegmentPlan(segment, latest.isPresent() ? sizes.getOrDefault(segment.key(), 0L) : null,
                        byTarget.getOrDefault(segment.key(), List.of())))
                .toList();
        return new ActionPlan(active.id(), active.definition().name(), latest.map(SegmentationRunView::runId).orElse(null), segments);
    }

    @Override
    public StoredCampaign schedule(long id, Instant startAt) {
        Campaign current = campaign(id).campaign();
        return store(current.schedule(clock.instant(), startAt), current);
    }

    @Override
    public StoredCampaign launch(LaunchCommand command) {
        Campaign current = campaign(command.campaignId()).campaign();
        current.require(Transition.LAUNCH);
        Instant launchedAt = command.at(clock.instant());
        CampaignPlan plan = current.plan();
        if (!plan.tacticalActions().isEmpty()) {
            throw new CampaignConflict("campaign " + current.id() + " has actions per tactical segment " + tacticalIds(plan)
                    + ", which launches do not support yet; give the whole target one action list, or narrow the target to one"
                    + " tactical segment with tacticalSegmentId");
        }
        if (plan.needsTacticalMembership() && !tactical.available()) {
            throw new CampaignConflict("campaign " + current.id() + " is narrowed to tactical segment(s) "
                    + tacticalIds(plan) + ", but tactical segment membership is not available to campaigns yet; remove"
                    + " tacticalSegmentId and tacticalActions from the draft to address the whole " + plan.target().segmentKey() + " segment");
        }
        SegmentationRunView run = runs.latestCompleted().flatMap(runId -> runs.find(runId, 0))
                .orElseThrow(() -> new CampaignConflict("no segmentation run has completed yet, so there is no audience to freeze;"
                        + " run the active segmentation first (POST /api/v1/segmentation-runs)"));
        if (run.segments().stream().noneMatch(s -> s.key().equals(plan.target().segmentKey()))) {
            throw new CampaignConflict("the latest completed run " + run.runId() + " (" + run.segmentationName() + ") has no segment '"
                    + plan.target().segmentKey() + "'; run the segmentation that has it, or edit the campaign's target");
        }
        AudienceCounts audience = audiences.freeze(current.id(), run.runId(), plan);
        StoredCampaign launched = store(current.launch(new Launch(launchedAt, run.runId(), audience)), current);
        outbox.enqueue(current.id());
        relay.relayLater(current.id());
        return launched;
    }

    @Override
    public StoredCampaign complete(long id) {
        Campaign current = campaign(id).campaign();
        return store(current.complete(clock.instant()), current);
    }

    @Override
    public StoredCampaign cancel(long id, String reason) {
        Campaign current = campaign(id).campaign();
        return store(current.cancel(clock.instant(), reason), current);
    }

    @Override
    public DispatchReport dispatch(long id) {
        launchOf(id);
        relay.relayNow(id);
        return new DispatchReport(id, relay.webhookConfigured(), outbox.counts(id));
    }

    @Override
    public AudienceView audience(long id) {
        Launch launch = launchOf(id);
        return new AudienceView(id, launch.runId(), launch.launchedAt(), launch.audience(), audiences.countsByAction(id), outbox.counts(id));
    }

    @Override
    public void members(long id, Consumer<CampaignAudiences.AudienceMember> members) {
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
        CampaignOutcomes.Conversions conversions = outcomes.conversions(id, launch.launchedAt(), windowEnd);
        Optional<Long> laterRun = outcomes.laterRun(launch.runId());
        Optional<CampaignOutcomes.MovedUp> movedUp = laterRun.map(later -> outcomes.movedUp(id, launch.runId(), later));
        CampaignResult result = new CampaignResult(
                outcome(conversions.treatment(), movedUp.map(CampaignOutcomes.MovedUp::treatment).orElse(null)),
                outcome(conversions.control(), movedUp.map(CampaignOutcomes.MovedUp::control).orElse(null)));
        return new ResultsView(id, campaign.state(), launch.launchedAt(), windowEnd, !clock.instant().isBefore(windowEnd),
                launch.runId(), laterRun.orElse(null), result);
    }

    private static GroupOutcome outcome(CampaignOutcomes.GroupConversions group, Long movedUp) {
        return new GroupOutcome(group.customers(), group.converters(), group.revenue(), movedUp);
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
            case CANCELLED -> AuditAction.DEACTIVATED;
            default -> AuditAction.CHANGED;
        };
        audit.record(AuditEntry.of(actor.name(), action, "campaign", Long.toString(next.id()))
                .withDetail(current.state() + " -> " + next.state()));
        return campaign(next.id());
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

    private Optional<SegmentationRunView> latestRunOf(long segmentationId) {
        // sizes only from a run of the active segmentation: another segmentation's counts would mislabel its segments
        return runs.latestCompleted().flatMap(runId -> runs.find(runId, 0)).filter(run -> run.segmentationId() == segmentationId);
    }

    private static List<Long> tacticalIds(CampaignPlan plan) {
        java.util.TreeSet<Long> ids = new java.util.TreeSet<>();
        plan.target().tacticalSegment().ifPresent(ids::add);
        plan.tacticalActions().forEach(t -> ids.add(t.tacticalSegmentId()));
        return List.copyOf(ids);
    }
}
