package io.strata.application.campaign;

import io.strata.application.audit.ListTrail;
import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.Campaigns;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.campaign.port.out.OutboxReach;
import io.strata.application.tactical.MembershipRule;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.application.tactical.TacticalRunShare;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.application.tactical.port.out.TacticalSegments;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.CampaignState;
import io.strata.domain.campaign.Channel;
import io.strata.domain.campaign.IllegalTransition;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.Target;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.tactical.TacticalSegment;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Launching a campaign ({@link CampaignRuns}) with the stores in memory: the audience is frozen from the latest completed
 * run, which must hold the target segment; the deliveries are written in the launch's unit of work and relayed only after
 * it; a measurement that fails leaves the launch done. Oracles: the runs, counts and texts written out here.
 */
class CampaignRunsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");
    private static final AudienceCounts FROZEN = new AudienceCounts(120, 7, 3, 99, 11);
    private static final CampaignPlan WIN_BACK = new CampaignPlan("Win back", null, Target.segment("at_risk"),
            List.of(new Action.Message(Channel.EMAIL, "template:winback-1")), null, null, null, null);

    private final List<String> events = new ArrayList<>();
    private final MemoryCampaigns campaigns = new MemoryCampaigns();
    private final CompletedRuns runs = new CompletedRuns();
    private final MemoryAudiences audiences = new MemoryAudiences();
    private final MemoryOutbox outbox = new MemoryOutbox();
    private final List<AuditEntry> audit = new ArrayList<>();
    private final List<Long> computedTactical = new ArrayList<>();
    private boolean webhook = true;
    private RuntimeException measurementFailure;

    private CampaignRuns service() {
        AuditTrail trail = new ListTrail(audit);
        Transactions transactions = new Transactions() {
            @Override
            public <T> T inOne(Supplier<T> work) {
                T done = work.get();
                events.add("commit");
                return done;
            }
        };
        StoredCampaigns stored = new StoredCampaigns(campaigns);
        // the relay's worker records that it was given the campaign and runs at once (no unsent route: nothing to send;
        // sending is DeliveryRelayTest's)
        DeliveryRelay relay = new DeliveryRelay(outbox, campaignId -> webhook ? Optional.of(new Destination(URI.create("http://localhost:1/hook"),
                "whsec_test")) : Optional.empty(), null, null, task -> {
                    events.add("relay queued");
                    task.run();
                },
                new DeliveryRelay.RetryPolicy(3, Duration.ofMillis(100), 500, Duration.ofSeconds(7)), pause -> { },
                Clock.fixed(NOW, ZoneOffset.UTC), "node-1", new OutboxReach() {
                    @Override
                    public boolean failed(RuntimeException failure) {
                        return false;
                    }

                    @Override
                    public void worked() {
                    }
                }, stored);
        // a launch does not read the active segmentation (its plan was checked against it when saved): null
        CampaignTargets targets = new CampaignTargets(null, runs, new NoTacticalSegments(), new ComputedMembership());
        return new CampaignRuns(stored, new CampaignChanges(campaigns, stored, trail, () -> "ana", transactions), targets, audiences, outbox,
                relay, id -> {
                    events.add("measure " + id);
                    if (measurementFailure != null) {
                        throw measurementFailure;
                    }
                }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void scheduled(long id) {
        campaigns.put(Campaign.draft(id, WIN_BACK).schedule(NOW.minusSeconds(3600), null));
    }

    @Test
    void aLaunchFreezesTheAudienceFromTheLatestCompletedRunWritesTheDeliveriesInItsUnitAndRelaysThemAfter() {
        scheduled(1);
        runs.completed(8, "at_risk", "champions");

        StoredCampaign launched = service().launch(new LaunchCommand(1, null));

        assertThat(launched.campaign().state()).isEqualTo(CampaignState.RUNNING);
        assertThat(launched.campaign().launched()).contains(new Launch(NOW, 8, FROZEN));
        assertThat(audiences.frozen).containsExactly("campaign 1 from run 8 at " + NOW);
        assertThat(events).containsExactly("freeze 1", "enqueue 1", "commit", "relay queued", "measure 1");
        assertThat(audit).containsExactly(AuditEntry.of("ana", AuditAction.LAUNCHED, "campaign", "1").withDetail("SCHEDULED -> RUNNING"));
    }

    @Test
    void aLaunchAsOfAPastMomentStartsThereAndOneInTheFutureIsRefused() {
        scheduled(1);
        scheduled(2);
        runs.completed(8, "at_risk");
        Instant past = Instant.parse("2026-12-01T08:00:00Z");

        assertThat(service().launch(new LaunchCommand(1, past)).campaign().launched().orElseThrow().launchedAt()).isEqualTo(past);
        assertThat(service().launch(new LaunchCommand(2, NOW.plusSeconds(60))).campaign().launched().orElseThrow().launchedAt())
                .isEqualTo(NOW.plusSeconds(60));

        scheduled(3);
        assertThatThrownBy(() -> service().launch(new LaunchCommand(3, NOW.plusSeconds(61)))).isInstanceOf(InvalidCampaign.class)
                .hasMessage("launchAt 2026-12-07T10:01:01Z is in the future; launch when the time comes, or schedule the campaign with a startAt");
        assertThat(campaigns.get(3).state()).isEqualTo(CampaignState.SCHEDULED);
    }

    @Test
    void withoutACompletedRunThereIsNoAudienceToFreezeAndNothingChanges() {
        scheduled(1);

        assertThatThrownBy(() -> service().launch(new LaunchCommand(1, null))).isInstanceOfSatisfying(CampaignConflict.class, conflict -> {
            assertThat(conflict).hasMessage("no segmentation run has completed yet, so there is no audience to freeze; run the active"
                    + " segmentation first");
            assertThat(conflict.nextStep()).isEqualTo(NextStep.RUN_THE_SEGMENTATION);
        });
        assertNothingLaunched(1);
    }

    @Test
    void aLatestRunWithoutTheTargetSegmentRefusesTheLaunchAndTheEstimate() {
        scheduled(1);
        runs.completed(8, "champions", "loyal");
        String refusal = "the latest completed run 8 (Frequency) has no segment 'at_risk'; activate the general segmentation that has it"
                + " and run it, or cancel the campaign and plan it again (a scheduled campaign's target can no longer be edited)";

        assertThatThrownBy(() -> service().launch(new LaunchCommand(1, null))).isInstanceOf(CampaignConflict.class).hasMessage(refusal);
        assertThatThrownBy(() -> service().estimate(1)).isInstanceOf(CampaignConflict.class).hasMessage(refusal);
        assertNothingLaunched(1);
    }

    @Test
    void aCampaignThatIsNotScheduledIsNeitherFrozenNorEstimated() {
        campaigns.put(Campaign.draft(1, WIN_BACK));
        runs.completed(8, "at_risk");

        assertThatThrownBy(() -> service().launch(new LaunchCommand(1, null))).isInstanceOf(IllegalTransition.class);
        assertThatThrownBy(() -> service().estimate(1)).isInstanceOf(IllegalTransition.class);
        assertThat(audiences.frozen).isEmpty();
        assertThat(audiences.estimated).isEmpty();
    }

    @Test
    void theEstimateIsWhatALaunchWouldFreezeNowAndChangesNothing() {
        scheduled(1);
        runs.completed(8, "at_risk");

        assertThat(service().estimate(1)).isEqualTo(new AudienceEstimate(1, 8, "Frequency", FROZEN));
        assertThat(audiences.estimated).containsExactly("campaign 1 from run 8 at " + NOW);
        assertNothingLaunched(1);
    }

    @Test
    void aMeasurementThatFailsAfterALaunchOrACompletionLeavesItDone() {
        scheduled(1);
        runs.completed(8, "at_risk");
        measurementFailure = new IllegalStateException("no connection");

        assertThat(service().launch(new LaunchCommand(1, null)).campaign().state()).isEqualTo(CampaignState.RUNNING);
        assertThat(service().complete(1).campaign().state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(campaigns.get(1).state()).isEqualTo(CampaignState.COMPLETED);
        assertThat(events).endsWith("commit", "measure 1");
    }

    @Test
    void scheduleAndCancelAreStoredAndAudited() {
        campaigns.put(Campaign.draft(1, WIN_BACK));
        Instant start = Instant.parse("2026-12-10T06:00:00Z");

        assertThat(service().schedule(1, start).campaign().plan().startAt()).isEqualTo(start);
        assertThat(service().cancel(1, "budget cut").campaign().state()).isEqualTo(CampaignState.CANCELLED);
        assertThat(audit).extracting(AuditEntry::action).containsExactly(AuditAction.CHANGED, AuditAction.CANCELLED);
        assertThat(events).doesNotContain("measure 1");
    }

    @Test
    void aDispatchQueuesTheUnsentDeliveriesWhenAWebhookIsConfigured() {
        scheduled(1);
        runs.completed(8, "at_risk");
        service().launch(new LaunchCommand(1, null));
        outbox.counts = new DeliveryCounts(5, 90, 4);
        events.clear();

        assertThat(service().dispatch(1)).isEqualTo(new DispatchReport(1, true, 9, new DeliveryCounts(5, 90, 4)));
        assertThat(events).containsExactly("relay queued");

        events.clear();
        webhook = false;
        assertThat(service().dispatch(1)).isEqualTo(new DispatchReport(1, false, 0, new DeliveryCounts(5, 90, 4)));
        assertThat(events).isEmpty();
    }

    @Test
    void aCampaignNeverLaunchedHasNothingToDispatch() {
        scheduled(1);

        assertThatThrownBy(() -> service().dispatch(1)).isInstanceOf(CampaignConflict.class)
                .hasMessage("campaign 1 is SCHEDULED and has not been launched, so it has no audience, deliveries or results yet; schedule and"
                        + " launch it first");
        assertThat(events).isEmpty();
    }

    /**
     * A plan narrowed to tactical segment 7 needs its members computed in the run the audience is frozen from: otherwise
     * the audience would be silently empty.
     */
    @Test
    void aTargetNarrowedToATacticalSegmentWhoseMembersTheRunDidNotComputeIsNotLaunched() {
        CampaignPlan narrowed = new CampaignPlan("Win back TV", null, new Target("at_risk", 7L), WIN_BACK.actions(), null, null, null, null);
        campaigns.put(Campaign.draft(1, narrowed).schedule(NOW.minusSeconds(3600), null));
        runs.completed(8, "at_risk");

        assertThatThrownBy(() -> service().launch(new LaunchCommand(1, null))).isInstanceOfSatisfying(CampaignConflict.class, conflict -> {
            assertThat(conflict).hasMessage("campaign 1 names tactical segment 7, but run 8, the latest completed run, has no members computed"
                    + " for it (it did not exist yet when that run computed memberships, or its rule could not be"
                    + " evaluated then), so its members are unknown; run the segmentation again and launch then");
            assertThat(conflict.nextStep()).isEqualTo(NextStep.RUN_THE_SEGMENTATION);
        });
        assertNothingLaunched(1);

        computedTactical.add(7L);
        assertThat(service().launch(new LaunchCommand(1, null)).campaign().launched()).contains(new Launch(NOW, 8, FROZEN));
    }

    private void assertNothingLaunched(long id) {
        assertThat(campaigns.get(id).state()).isEqualTo(CampaignState.SCHEDULED);
        assertThat(audiences.frozen).isEmpty();
        assertThat(outbox.enqueued).isEmpty();
        assertThat(events).doesNotContain("relay queued", "measure " + id);
        assertThat(audit).isEmpty();
    }

    private final class MemoryCampaigns implements Campaigns {
        private final Map<Long, Campaign> held = new HashMap<>();

        void put(Campaign campaign) {
            held.put(campaign.id(), campaign);
        }

        Campaign get(long id) {
            return held.get(id);
        }

        @Override
        public long add(CampaignPlan plan) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StoredCampaign> find(long id) {
            return Optional.ofNullable(held.get(id)).map(c -> new StoredCampaign(c, NOW.minusSeconds(86_400)));
        }

        @Override
        public Optional<StoredCampaign> lockForChange(long id) {
            return find(id);
        }

        @Override
        public List<StoredCampaign> newest(CampaignSelection selection, Long before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Long> countsByTarget() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean update(Campaign next, CampaignState expected) {
            if (held.get(next.id()).state() != expected) {
                return false;
            }
            held.put(next.id(), next);
            return true;
        }
    }

    private final class MemoryAudiences implements CampaignAudiences {
        final List<String> frozen = new ArrayList<>();
        final List<String> estimated = new ArrayList<>();

        @Override
        public AudienceCounts freeze(long campaignId, long runId, CampaignPlan plan, Instant at) {
            events.add("freeze " + campaignId);
            frozen.add("campaign " + campaignId + " from run " + runId + " at " + at);
            return FROZEN;
        }

        @Override
        public AudienceCounts estimate(long campaignId, long runId, CampaignPlan plan, Instant at) {
            estimated.add("campaign " + campaignId + " from run " + runId + " at " + at);
            return FROZEN;
        }

        @Override
        public AudienceCounts admitCohort(long campaignId, long runId, long previousRunId, CampaignPlan plan, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ActionCount> countsByAction(long campaignId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void members(long campaignId, Consumer<AudienceMember> members) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<CustomerCampaign> campaignsOf(String customerId) {
            throw new UnsupportedOperationException();
        }
    }

    private final class MemoryOutbox implements DeliveryOutbox {
        final List<Long> enqueued = new ArrayList<>();
        DeliveryCounts counts = new DeliveryCounts(0, 0, 0);

        @Override
        public long enqueue(long campaignId) {
            events.add("enqueue " + campaignId);
            enqueued.add(campaignId);
            return FROZEN.treatment();
        }

        @Override
        public List<DeliveryRoute> unsentRoutes(long campaignId) {
            return List.of();
        }

        @Override
        public DeliveryCounts counts(long campaignId) {
            return counts;
        }

        @Override
        public List<Long> campaignsWithUntriedDeliveries() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Delivery> claim(long campaignId, DeliveryRoute route, long afterDeliveryId, int limit, String node, Duration lease) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markSent(List<Long> deliveryIds, int attempts, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markFailed(List<Long> deliveryIds, int attempts, String error, Instant at) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int markLate(BatchOutcome outcome, String node) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void stream(long campaignId, Consumer<Delivery> deliveries) {
            throw new UnsupportedOperationException();
        }
    }

    /** No tactical segment is stored (archived or never saved): only the run's computed members are checked. */
    private static final class NoTacticalSegments implements TacticalSegments {
        @Override
        public Optional<StoredTacticalSegment> find(long id) {
            return Optional.empty();
        }

        @Override
        public Optional<StoredTacticalSegment> lockForChange(long id) {
            return Optional.empty();
        }

        @Override
        public long add(TacticalSegment segment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredTacticalSegment> all() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredTacticalSegment> active() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredTacticalSegment> newestOfEach(String parentSegment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredTacticalSegment> page(Long after, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<io.strata.application.tactical.VersionedTacticalSegment> newestVersions(Long before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<StoredTacticalSegment> versions(long id, Long before, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void markVersionOf(long id, long previousId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void replace(long id, TacticalSegment segment) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void recordCountAtSave(long id, long members, long parentCustomers) {
            throw new UnsupportedOperationException();
        }
    }

    /** The tactical segments whose members run 8 computed: those in {@code computedTactical}. */
    private final class ComputedMembership implements TacticalMembership {
        @Override
        public List<RunSize> sizes(long runId) {
            assertThat(runId).isEqualTo(8);
            return computedTactical.stream().map(id -> new RunSize(id, 5, 40)).toList();
        }

        @Override
        public void assign(long runId, List<MembershipRule> segments, LocalDate asOf) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void streamMembers(long runId, long tacticalId, Consumer<String> customerIds) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<Long> segmentsOf(long runId, String customerId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<String> firstMembers(long runId, long tacticalId, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<TacticalRunShare> history(long tacticalId) {
            throw new UnsupportedOperationException();
        }
    }
}
