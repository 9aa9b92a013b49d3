package io.strata.application.campaign;

import io.strata.application.campaign.port.in.RunCampaigns;
import io.strata.application.campaign.port.out.CampaignAudiences;
import io.strata.application.campaign.port.out.DeliveryOutbox;
import io.strata.application.segmentation.StoredRun;
import io.strata.domain.campaign.AudienceCounts;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Launch;
import io.strata.domain.campaign.Transition;

import java.time.Clock;
import java.time.Instant;

/** Moves campaigns through their life: schedule, launch (freezing the audience), complete, cancel, and dispatch. */
public final class CampaignRuns implements RunCampaigns {

    private final StoredCampaigns stored;
    private final CampaignChanges changes;
    private final CampaignTargets targets;
    private final CampaignAudiences audiences;
    private final DeliveryOutbox outbox;
    private final DeliveryRelay relay;
    private final Clock clock;
    private final ResultsMeasuring measuring;

    public CampaignRuns(StoredCampaigns stored, CampaignChanges changes, CampaignTargets targets, CampaignAudiences audiences,
                        DeliveryOutbox outbox, DeliveryRelay relay, ResultsMeasuring measuring, Clock clock) {
        this.measuring = measuring;
        this.stored = stored;
        this.changes = changes;
        this.targets = targets;
        this.audiences = audiences;
        this.outbox = outbox;
        this.relay = relay;
        this.clock = clock;
    }

    @Override
    public StoredCampaign schedule(long id, Instant startAt) {
        return changes.change(id, current -> {
            current.require(Transition.SCHEDULE);
            targets.requireActiveTacticalSegments(current.id(), current.plan());
            return current.schedule(clock.instant(), startAt);
        });
    }

    /**
     * Freezing the audience, storing the new state, enqueueing the deliveries and the audit entry are one unit of
     * work: a failure in any leaves the campaign launchable as before. The relay starts only once all of it is
     * committed, so it never looks for deliveries that are not there yet.
     */
    @Override
    public StoredCampaign launch(LaunchCommand command) {
        StoredCampaign launched = changes.change(command.campaignId(), current -> launched(current, command),
                current -> outbox.enqueue(current.id()));
        relay.relayLater(command.campaignId());
        measureAfter(launched, "launch");
        return launched;
    }

    /** Its page reads the results measured last; a failure here leaves the launch or completion done, and the next run measures. */
    private void measureAfter(StoredCampaign campaign, String transition) {
        try {
            measuring.measure(campaign.id());
        } catch (RuntimeException e) {
            // named from the campaign at hand: no read for the line
            java.util.logging.Logger.getLogger(CampaignRuns.class.getName()).warning(StoredCampaigns.named(campaign.id(),
                    campaign.campaign().plan().name()) + " could not be measured after its "
                    + transition + "; the next completed run measures it: " + e.getMessage());
        }
    }

    private Campaign launched(Campaign current, LaunchCommand command) {
        current.require(Transition.LAUNCH);
        Instant launchedAt = command.at(clock.instant());
        CampaignPlan plan = current.plan();
        StoredRun run = launchRun(current);
        AudienceCounts audience = audiences.freeze(current.id(), run.runId(), plan, launchedAt);
        return current.launch(new Launch(launchedAt, run.runId(), audience));
    }

    @Override
    public AudienceEstimate estimate(long id) {
        Campaign current = stored.campaign(id).campaign();
        current.require(Transition.LAUNCH);
        StoredRun run = launchRun(current);
        return new AudienceEstimate(id, run.runId(), run.segmentationName(), audiences.estimate(id, run.runId(), current.plan(), clock.instant()));
    }

    /** The run a launch freezes its audience from, with the checks the launch makes before freezing. */
    private StoredRun launchRun(Campaign current) {
        CampaignPlan plan = current.plan();
        StoredRun run = targets.latestCompletedRun()
                .orElseThrow(() -> new CampaignConflict("no segmentation run has completed yet, so there is no audience to freeze;"
                        + " run the active segmentation first", NextStep.RUN_THE_SEGMENTATION));
        if (run.segments().stream().noneMatch(s -> s.key().equals(plan.target().segmentKey()))) {
            throw new CampaignConflict("the latest completed run " + run.runId() + " (" + run.segmentationName() + ") has no segment '"
                    + plan.target().segmentKey() + "'; activate the general segmentation that has it and run it, or cancel the campaign"
                    + " and plan it again (a scheduled campaign's target can no longer be edited)");
        }
        targets.requireTacticalMembersIn(run.runId(), current.id(), plan);
        return run;
    }

    @Override
    public StoredCampaign complete(long id) {
        StoredCampaign completed = changes.change(id, current -> current.complete(clock.instant()));
        measureAfter(completed, "completion");
        return completed;
    }

    @Override
    public StoredCampaign cancel(long id, String reason) {
        return changes.change(id, current -> current.cancel(clock.instant(), reason));
    }

    @Override
    public DispatchReport dispatch(long id) {
        stored.launchOf(id);
        boolean configured = relay.webhookConfigured(id);
        DeliveryCounts counts = outbox.counts(id);
        if (configured) {
            relay.relayLater(id);
        }
        return new DispatchReport(id, configured, configured ? counts.pending() + counts.failed() : 0, counts);
    }
}
