package io.strata.adapters.web.campaign;

import io.swagger.v3.oas.annotations.media.Schema;
import io.strata.application.campaign.AudienceMember;
import io.strata.application.campaign.DispatchReport;
import io.strata.application.campaign.ActionPlan;
import io.strata.application.campaign.AudienceView;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.DeliveryCounts;
import io.strata.application.campaign.ResultsView;
import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.StoredCampaign;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.ActionList;
import io.strata.domain.campaign.AttributionWindow;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignResult;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.GroupOutcome;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.TacticalAction;
import io.strata.domain.campaign.Target;
import io.strata.domain.campaign.Transition;
import io.strata.domain.campaign.ZTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The JSON shapes of the campaign API. */
final class CampaignBodies {

    private CampaignBodies() {
    }

    /**
     * A message ({@code channel} email, sms, push, in_app or call) or an offer ({@code channel} offer with {@code discountPercent});
     * {@code destination}: the webhook destination's name, or null for the channel's default destination.
     */
    record ActionBody(
            String channel,
            @Schema(maxLength = Action.MAX_CONTENT_LENGTH, description = "What is sent: at most "
                    + Action.MAX_CONTENT_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String content,
            BigDecimal discountPercent, String destination) {

        Action toAction(String field) {
            return Action.of(Channel.parse(channel, field + ".channel"), content, discountPercent, destination, field);
        }

        static ActionBody of(Action action) {
            return new ActionBody(action.channel().key(), action.content(), action.discountPercent().orElse(null),
                    action.destination().orElse(null));
        }
    }

    /** The action for members of one tactical segment instead of the default actions. */
    record TacticalActionBody(
            Long tacticalSegmentId, String channel,
            @Schema(maxLength = Action.MAX_CONTENT_LENGTH, description = "What is sent: at most "
                    + Action.MAX_CONTENT_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String content,
            BigDecimal discountPercent, String destination) {

        static TacticalActionBody of(TacticalAction tactical) {
            Action action = tactical.action();
            return new TacticalActionBody(tactical.tacticalSegmentId(), action.channel().key(), action.content(),
                    action.discountPercent().orElse(null), action.destination().orElse(null));
        }
    }

    /**
     * A campaign plan. {@code actions} are tried in order: each customer gets the first one whose channel they
     * consented to. {@code controlGroupPercent} defaults to 10 (0–50), {@code attributionWindowDays} to 30.
     */
    record PlanRequest(
            @Schema(maxLength = CampaignPlan.MAX_NAME_LENGTH, description = "The campaign's name: at most "
                    + CampaignPlan.MAX_NAME_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String name,
            @Schema(maxLength = CampaignPlan.MAX_OBJECTIVE_LENGTH, description = "What the campaign is for: at most "
                    + CampaignPlan.MAX_OBJECTIVE_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String objective,
            String targetSegment, Long tacticalSegmentId, List<ActionBody> actions,
                       List<TacticalActionBody> tacticalActions, BigDecimal controlGroupPercent, Integer attributionWindowDays,
                       Instant startAt) {

        /** The plan's parts as the body gives them; {@link CampaignPlanReader} reads them. */
        CampaignPlanReader.Parts parts() {
            List<Supplier<Action>> planned = new ArrayList<>();
            if (actions != null) {
                for (int i = 0; i < actions.size(); i++) {
                    ActionBody body = actions.get(i);
                    String field = "actions[" + i + "]";
                    planned.add(() -> {
                        if (body == null) {
                            throw new InvalidCampaign(field, field + " is empty; give {\"channel\": \"email\", \"content\": \"...\"}");
                        }
                        return body.toAction(field);
                    });
                }
            }
            List<CampaignPlanReader.TacticalPart> tactical = new ArrayList<>();
            if (tacticalActions != null) {
                for (int i = 0; i < tacticalActions.size(); i++) {
                    TacticalActionBody body = tacticalActions.get(i);
                    String field = "tacticalActions[" + i + "]";
                    tactical.add(new CampaignPlanReader.TacticalPart(field, () -> {
                        if (body == null || body.tacticalSegmentId() == null) {
                            throw new InvalidCampaign(field + ".tacticalSegmentId", field + " needs the tacticalSegmentId it applies to");
                        }
                        return body.tacticalSegmentId();
                    }, () -> new ActionBody(body.channel(), body.content(), body.discountPercent(), body.destination()).toAction(field)));
                }
            }
            return new CampaignPlanReader.Parts(name, objective, () -> new Target(targetSegment, tacticalSegmentId), planned, tactical,
                    () -> controlGroupPercent == null ? null : new ControlGroup(controlGroupPercent),
                    () -> attributionWindowDays == null ? null : new AttributionWindow(attributionWindowDays), () -> startAt);
        }
    }

    record ScheduleRequest(Instant startAt) {
    }

    /** {@code launchAt}: optional; a past moment when the action went out, which starts the attribution window. */
    record LaunchRequest(Instant launchAt) {
    }

    record CancelRequest(
            @Schema(maxLength = Campaign.Cancelled.MAX_REASON_LENGTH, description = "Why the campaign is cancelled: at most "
                    + Campaign.Cancelled.MAX_REASON_LENGTH + " characters (Unicode code points: an emoji counts as one), white space around it not counted")
            String reason) {
    }

    /** {@code capped}: members left out because their action's channel had reached its frequency cap (in neither group). */
    record AudienceCountsBody(long members, long excludedForConsent, long treatment, long control, long capped) {
        static AudienceCountsBody of(AudienceCounts counts) {
            return new AudienceCountsBody(counts.members(), counts.excludedForConsent(), counts.treatment(), counts.control(), counts.capped());
        }
    }

    record CampaignBody(long id, String name, String objective, String state, String targetSegment, Long tacticalSegmentId,
                        List<ActionBody> actions, List<TacticalActionBody> tacticalActions, BigDecimal controlGroupPercent,
                        int attributionWindowDays, Instant startAt, Instant createdAt, Instant scheduledAt, Instant launchedAt, Long runId,
                        AudienceCountsBody audience, Instant completedAt, Instant cancelledAt, String cancelledFrom, String cancelReason,
                        List<String> allowedTransitions) {

        static CampaignBody of(StoredCampaign stored) {
            Campaign c = stored.campaign();
            CampaignPlan plan = c.plan();
            Launch launch = c.launched().orElse(null);
            Instant scheduledAt = c instanceof Campaign.Scheduled s ? s.scheduledAt() : c instanceof Campaign.Running r ? r.scheduledAt() : null;
            Campaign.Cancelled cancelled = c instanceof Campaign.Cancelled x ? x : null;
            return new CampaignBody(c.id(), plan.name(), plan.objective(), c.state().name(), plan.target().segmentKey(),
                    plan.target().tacticalSegmentId(), plan.actions().stream().map(ActionBody::of).toList(),
                    plan.tacticalActions().stream().map(TacticalActionBody::of).toList(), plan.controlGroup().percent(),
                    plan.attributionWindow().days(), plan.startAt(), stored.createdAt(), scheduledAt,
                    launch == null ? null : launch.launchedAt(), launch == null ? null : launch.runId(),
                    launch == null ? null : AudienceCountsBody.of(launch.audience()),
                    c instanceof Campaign.Completed done ? done.completedAt() : null,
                    cancelled == null ? null : cancelled.cancelledAt(), cancelled == null ? null : cancelled.cancelledFrom().name(),
                    cancelled == null ? null : cancelled.reason(), c.allowed().stream().map(Transition::key).toList());
        }
    }

    record CampaignSummary(long id, String name, String objective, String state, Long tacticalSegmentId) {
        static CampaignSummary of(StoredCampaign stored) {
            Campaign c = stored.campaign();
            return new CampaignSummary(c.id(), c.plan().name(), c.plan().objective(), c.state().name(), c.plan().target().tacticalSegmentId());
        }
    }

    /** {@code campaigns}: the newest ten targeting the segment; {@code campaignCount}: all of them (list them with the campaign list). */
    record SegmentPlanBody(String key, String name, int rank, String description, String goal, Long customers, long campaignCount,
                           List<CampaignSummary> campaigns) {
        static SegmentPlanBody of(ActionPlan.SegmentPlan plan) {
            return new SegmentPlanBody(plan.segment().key(), plan.segment().name(), plan.segment().rank(), plan.segment().description(),
                    plan.segment().goal(), plan.customers(), plan.campaignCount(), plan.campaigns().stream().map(CampaignSummary::of).toList());
        }
    }

    /** Segments from the least to the most valuable; {@code customers} is from the latest completed run of this segmentation. */
    record ActionPlanBody(long segmentationId, String segmentationName, Long runId, List<SegmentPlanBody> segments) {
        static ActionPlanBody of(ActionPlan plan) {
            return new ActionPlanBody(plan.segmentationId(), plan.segmentationName(), plan.runId(),
                    plan.segments().stream().map(SegmentPlanBody::of).toList());
        }
    }

    record DeliveryCountsBody(long pending, long sent, long failed) {
        static DeliveryCountsBody of(DeliveryCounts counts) {
            return new DeliveryCountsBody(counts.pending(), counts.sent(), counts.failed());
        }
    }

    /** {@code tacticalSegmentId}: the action list, the tactical segment whose action this is; null for the default actions. */
    record ActionCountBody(String group, Long tacticalSegmentId, int actionPosition, String channel, long customers) {
    }

    /** {@code capped}: members left out because their action's channel had reached its frequency cap; eligible excludes them. */
    record AudienceBody(long campaignId, long runId, Instant launchedAt, long members, long excludedForConsent, long capped, long eligible,
                        long treatment, long control, List<ActionCountBody> byAction, DeliveryCountsBody deliveries) {
        static AudienceBody of(AudienceView view, CampaignPlan plan) {
            AudienceCounts c = view.counts();
            return new AudienceBody(view.campaignId(), view.runId(), view.launchedAt(), c.members(), c.excludedForConsent(), c.capped(),
                    c.eligible(), c.treatment(), c.control(),
                    view.byAction().stream().map(a -> new ActionCountBody(a.group().name(), tacticalSegmentId(a.actionList()),
                            a.actionPosition(), channelAt(plan, a.actionPosition()), a.customers())).toList(),
                    DeliveryCountsBody.of(view.deliveries()));
        }
    }

    record DispatchBody(long campaignId, boolean webhookConfigured, long queued, DeliveryCountsBody deliveries) {
        static DispatchBody of(DispatchReport report) {
            return new DispatchBody(report.campaignId(), report.webhookConfigured(), report.queued(), DeliveryCountsBody.of(report.deliveries()));
        }
    }

    record GroupBody(long customers, long converters, BigDecimal conversionRate, BigDecimal revenue, BigDecimal revenuePerCustomer,
                     Long movedUp, BigDecimal migrationRate) {
        static GroupBody of(GroupOutcome g) {
            return new GroupBody(g.customers(), g.converters(), g.conversionRate(), g.revenue(), g.revenuePerCustomer(), g.movedUp(),
                    g.migrationRate());
        }
    }

    /**
     * Treatment against control among the members who got one action list: the default actions
     * ({@code tacticalSegmentId} null) or a tactical segment's own action.
     */
    record ActionListBody(Long tacticalSegmentId, List<ActionBody> actions, GroupBody treatment, GroupBody control,
                          BigDecimal absoluteUplift, BigDecimal relativeUplift, Double zScore, Double pValue, BigDecimal migrationUplift) {
        static ActionListBody of(ResultsView.ActionListResult list, CampaignPlan plan) {
            CampaignResult r = list.result();
            ZTest test = r.significance().orElse(null);
            return new ActionListBody(CampaignBodies.tacticalSegmentId(list.actionList()),
                    plan.actionsOf(list.actionList()).stream().map(ActionBody::of).toList(), GroupBody.of(r.treatment()), GroupBody.of(r.control()), r.absoluteUplift(), r.relativeUplift(),
                    test == null ? null : test.z(), test == null ? null : test.pValue(), r.migrationUplift());
        }
    }

    /**
     * Treatment against control over the whole audience, and {@code byActionList} the same per action list. Conversions
     * count orders with a positive total in [launchedAt, windowEnd); {@code movedUp} and the migration figures appear
     * once a later completed run of the same segmentation exists.
     */
    record ResultsBody(long campaignId, String state, Instant launchedAt, Instant windowEnd, boolean windowClosed, long frozenRunId,
                       Long laterRunId, GroupBody treatment, GroupBody control, BigDecimal absoluteUplift, BigDecimal relativeUplift,
                       Double zScore, Double pValue, BigDecimal migrationUplift, List<ActionListBody> byActionList) {
        static ResultsBody of(ResultsView view, CampaignPlan plan) {
            CampaignResult r = view.result();
            ZTest test = r.significance().orElse(null);
            return new ResultsBody(view.campaignId(), view.state().name(), view.launchedAt(), view.windowEnd(), view.windowClosed(),
                    view.frozenRunId(), view.laterRunId(), GroupBody.of(r.treatment()), GroupBody.of(r.control()), r.absoluteUplift(),
                    r.relativeUplift(), test == null ? null : test.z(), test == null ? null : test.pValue(), r.migrationUplift(),
                    view.byActionList().stream().map(list -> ActionListBody.of(list, plan)).toList());
        }
    }

    /** The channel of the action at a position: the plan's actions first, then its tactical actions. */
    static String channelAt(CampaignPlan plan, int position) {
        return plan.actionAt(position).map(action -> action.channel().key()).orElse(null);
    }

    /** How the API names an action list: the tactical segment's id, null for the default actions. */
    static Long tacticalSegmentId(ActionList list) {
        return list.tacticalSegment().orElse(null);
    }

    static String group(AudienceMember member) {
        return member.group().name().toLowerCase(java.util.Locale.ROOT);
    }
}
