package io.strata.application.campaign;

import io.strata.application.campaign.port.in.MeasureCampaigns;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.CampaignMeasurements;
import io.strata.application.segmentation.CompletedRunFollowUp;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.settings.SettingRange;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.IncrementalRevenue;
import io.strata.domain.campaign.Launch;

import java.time.Clock;
import java.time.Instant;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A launched campaign's frozen audience, its deliveries and its results, treatment against control. The results are
 * computed from the audience when asked through the API; for its page they are measured and kept at the launch, after
 * completed runs (a later run gives migration, and orders come in meanwhile) and at the completion.
 *
 * <p>The measurement follows a campaign up to its <em>horizon</em>, {@code followDays} days after its attribution window
 * ends: the first measurement at or after the horizon that has a later run is its last one after runs, and its later run
 * is then the campaign's for good (settled, {@link CampaignMeasurements#settle}), so later runs neither measure it
 * again nor change its migration (docs/campaigns.md, "How long the measurement follows a campaign").
 */
public final class CampaignMeasurement implements MeasureCampaigns, ResultsMeasuring, CompletedRunFollowUp {

    private static final Logger log = Logger.getLogger(CampaignMeasurement.class.getName());

    private final StoredCampaigns stored;
    private final CampaignAudiences audiences;
    private final DeliveryOutbox outbox;
    private final CampaignOutcomes outcomes;
    private final CampaignMeasurements measurements;
    private final Clock clock;
    private final int followDays;

    /** The measurement follows a campaign for {@value #DEFAULT_FOLLOW_DAYS} days after its window by default. */
    public static final int DEFAULT_FOLLOW_DAYS = 30;

    /** The days it may follow a campaign, checked here and, at start, by the setting that gives them (CampaignSettings). */
    public static final SettingRange FOLLOW_DAYS = SettingRange.whole("strata.campaigns.measurement-follow-days", 0, 3650, "days",
            DEFAULT_FOLLOW_DAYS);

    public CampaignMeasurement(StoredCampaigns stored, CampaignAudiences audiences, DeliveryOutbox outbox, CampaignOutcomes outcomes,
                               CampaignMeasurements measurements, Clock clock, int followDays) {
        this.followDays = FOLLOW_DAYS.check(followDays);
        this.measurements = measurements;
        this.stored = stored;
        this.audiences = audiences;
        this.outbox = outbox;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    @Override
    public AudienceView audience(long id) {
        Launch launch = stored.launchOf(id);
        return new AudienceView(id, launch.runId(), launch.launchedAt(), launch.audience(), audiences.countsByAction(id), outbox.counts(id));
    }

    @Override
    public void members(long id, Consumer<AudienceMember> members) {
        stored.launchOf(id);
        audiences.members(id, members);
    }

    @Override
    public void deliveries(long id, Consumer<Delivery> deliveries) {
        stored.launchOf(id);
        outbox.stream(id, deliveries);
    }

    @Override
    public ResultsView results(long id) {
        Campaign campaign = stored.campaign(id).campaign();
        Launch launch = StoredCampaigns.launchOf(campaign);
        Instant windowEnd = campaign.plan().attributionWindow().end(launch.launchedAt());
        List<GroupConversions> conversions = outcomes.conversions(id, launch.launchedAt(), windowEnd);
        Optional<Long> laterRun = laterRun(id, launch);
        Optional<List<GroupMovedUp>> movedUp = laterRun.map(later -> outcomes.movedUp(id, launch.runId(), later));
        return view(campaign, launch, windowEnd, conversions, laterRun, movedUp);
    }

    @Override
    public Optional<MeasuredResults> measuredResults(long id) {
        Campaign campaign = stored.campaign(id).campaign();
        Launch launch = StoredCampaigns.launchOf(campaign);
        Instant windowEnd = campaign.plan().attributionWindow().end(launch.launchedAt());
        return measurements.latest(id).map(m -> new MeasuredResults(m.measuredAt(),
                view(campaign, launch, windowEnd, m.conversions(), Optional.ofNullable(m.laterRunId()), Optional.ofNullable(m.movedUp())),
                effect(m.spread(), m.days())));
    }

    /** Measures now and keeps it; a campaign never launched (or always-on, measured per cohort) has nothing to measure. */
    @Override
    public void measure(long id) {
        Campaign campaign = stored.campaign(id).campaign();
        campaign.launched().ifPresent(launch -> measure(campaign, launch));
    }

    private void measure(Campaign campaign, Launch launch) {
        long id = campaign.id();
        Instant measuredAt = clock.instant();
        Instant windowEnd = campaign.plan().attributionWindow().end(launch.launchedAt());
        Optional<Long> laterRun = laterRun(id, launch);
        measurements.store(id, new MeasuredOutcomes(measuredAt, laterRun.orElse(null),
                outcomes.conversions(id, launch.launchedAt(), windowEnd),
                laterRun.map(later -> outcomes.movedUp(id, launch.runId(), later)).orElse(null),
                outcomes.revenueSpread(id, launch.launchedAt(), windowEnd), outcomes.firstConversionsByDay(id, launch.launchedAt(), windowEnd)));
    }

    /**
     * The run migration is read from: the settled one of a campaign measured past its horizon, else the latest completed
     * run of the frozen run's segmentation after it.
     */
    private Optional<Long> laterRun(long id, Launch launch) {
        return measurements.settledLaterRun(id).or(() -> outcomes.laterRun(launch.runId()));
    }

    /**
     * After a completed run, the launched campaigns still followed whose figures may have moved since they were measured
     * (not measured yet, measured while the window was open, or a later run appeared), chosen by one statement: settled
     * campaigns are not read at all, so the cost follows the campaigns still measured, not the history. Settling before
     * pins what was measured past the horizon before this run (so the run cannot move it), settling after pins what this
     * run measured past it.
     */
    @Override
    public void afterCompletion(long runId) {
        measurements.settle(followDays);
        for (long id : measurements.toMeasure()) {
            // the line names the campaign read for the measurement; if that read failed, by its id alone
            String named = "campaign " + id;
            try {
                Campaign campaign = stored.campaign(id).campaign();
                named = StoredCampaigns.named(id, campaign.plan().name());
                campaign.launched().ifPresent(launch -> measure(campaign, launch));
            } catch (RuntimeException e) {
                log.warning(named + " could not be measured after run " + runId + "; the next run tries again: " + e.getMessage());
            }
        }
        measurements.settle(followDays);
    }

    private ResultsView view(Campaign campaign, Launch launch, Instant windowEnd, List<GroupConversions> conversions, Optional<Long> laterRun,
                             Optional<List<GroupMovedUp>> movedUp) {
        List<ResultsView.ActionListResult> byActionList = campaign.plan().actionLists().stream()
                .map(list -> new ResultsView.ActionListResult(list, result(conversions, movedUp, list::equals))).toList();
        return new ResultsView(campaign.id(), campaign.state(), launch.launchedAt(), windowEnd, !clock.instant().isBefore(windowEnd),
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

    @Override
    public List<CustomerCampaign> campaignsOf(String customerId) {
        return audiences.campaignsOf(customerId);
    }

    @Override
    public RevenueAndTimeline revenueAndTimeline(long id) {
        Campaign campaign = stored.campaign(id).campaign();
        Launch launch = StoredCampaigns.launchOf(campaign);
        Instant windowEnd = campaign.plan().attributionWindow().end(launch.launchedAt());
        return effect(outcomes.revenueSpread(id, launch.launchedAt(), windowEnd), outcomes.firstConversionsByDay(id, launch.launchedAt(), windowEnd));
    }

    private static RevenueAndTimeline effect(Map<AudienceGroup, IncrementalRevenue.Spread> spread, List<ConversionDay> days) {
        var none = new IncrementalRevenue.Spread(0, BigDecimal.ZERO, BigDecimal.ZERO);
        return new RevenueAndTimeline(IncrementalRevenue.of(spread.getOrDefault(AudienceGroup.TREATMENT, none),
                spread.getOrDefault(AudienceGroup.CONTROL, none)).orElse(null), days);
    }
}
