package io.strata.application.campaign;

import io.strata.application.campaign.port.in.MeasureCampaigns;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.CampaignOutcomes;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.Launch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** A launched campaign's frozen audience, its deliveries and its results, treatment against control. */
public final class CampaignMeasurement implements MeasureCampaigns {

    private final StoredCampaigns stored;
    private final CampaignAudiences audiences;
    private final DeliveryOutbox outbox;
    private final CampaignOutcomes outcomes;
    private final Clock clock;

    public CampaignMeasurement(StoredCampaigns stored, CampaignAudiences audiences, DeliveryOutbox outbox, CampaignOutcomes outcomes,
                               Clock clock) {
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

    @Override
    public List<CustomerCampaign> campaignsOf(String customerId) {
        return audiences.campaignsOf(customerId);
    }

    @Override
    public RevenueAndTimeline revenueAndTimeline(long id) {
        Campaign campaign = stored.campaign(id).campaign();
        Launch launch = StoredCampaigns.launchOf(campaign);
        Instant windowEnd = campaign.plan().attributionWindow().end(launch.launchedAt());
        var spread = outcomes.revenueSpread(id, launch.launchedAt(), windowEnd);
        var none = new io.strata.domain.campaign.IncrementalRevenue.Spread(0, java.math.BigDecimal.ZERO, java.math.BigDecimal.ZERO);
        return new RevenueAndTimeline(io.strata.domain.campaign.IncrementalRevenue.of(spread.getOrDefault(AudienceGroup.TREATMENT, none),
                spread.getOrDefault(AudienceGroup.CONTROL, none)).orElse(null),
                outcomes.firstConversionsByDay(id, launch.launchedAt(), windowEnd));
    }
}
