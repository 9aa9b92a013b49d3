package io.strata.application.campaign;

import io.strata.application.audit.AuditAction;
import io.strata.application.audit.AuditEntry;
import io.strata.application.audit.AuditSnapshot;
import io.strata.application.audit.EditCheck;
import io.strata.application.audit.EditedMeanwhile;
import io.strata.application.audit.port.out.AuditTrail;
import io.strata.application.audit.port.out.CurrentActor;
import io.strata.application.audit.port.out.Transactions;
import io.strata.application.campaign.port.out.Campaigns;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.Campaign;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.Transition;
import io.strata.domain.edit.Revision;

import java.util.List;

import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Every change of a campaign is stored with its audit entry as one unit of work, holding the campaign meanwhile so
 * that a concurrent change waits and then sees the new state. The domain decides which transitions a state allows.
 */
public final class CampaignChanges {

    private final Campaigns campaigns;
    private final StoredCampaigns stored;
    private final AuditTrail audit;
    private final CurrentActor actor;
    private final Transactions transactions;
    private final EditCheck edits;

    public CampaignChanges(Campaigns campaigns, StoredCampaigns stored, AuditTrail audit, CurrentActor actor, Transactions transactions) {
        this.campaigns = campaigns;
        this.stored = stored;
        this.audit = audit;
        this.actor = actor;
        this.transactions = transactions;
        this.edits = new EditCheck(audit);
    }

    /** Stores a new draft and its audit entry as one unit of work; answers its id. */
    long create(CampaignPlan plan) {
        return create(plan, () -> { });
    }

    /** As {@link #create(CampaignPlan)}, with {@code firstInTheSameUnit} run before the draft is stored. */
    long create(CampaignPlan plan, Runnable firstInTheSameUnit) {
        return transactions.inOne(() -> {
            firstInTheSameUnit.run();
            long added = campaigns.add(plan);
            audit.record(AuditEntry.of(actor.name(), AuditAction.CREATED, "campaign", Long.toString(added))
                    .withAfter(json(plan)).withDetail("target " + plan.target().segmentKey()));
            return added;
        });
    }

    /** One transition of a held campaign and its audit entry, as one unit of work. */
    StoredCampaign change(long id, Function<Campaign, Campaign> transition) {
        return change(id, transition, current -> { });
    }

    /** As {@link #change(long, Function)}, with {@code thenInTheSameUnit} run after the new state is stored, before it commits. */
    StoredCampaign change(long id, Function<Campaign, Campaign> transition, Consumer<Campaign> thenInTheSameUnit) {
        return change(id, null, transition, thenInTheSameUnit);
    }

    /**
     * As {@link #change(long, Function)}, if the held campaign is still in one of the revisions {@code seen} (null: any):
     * checked after the campaign is held, so a change committed meanwhile is seen and none can come between.
     */
    StoredCampaign change(long id, List<Revision> seen, Function<Campaign, Campaign> transition) {
        return change(id, seen, transition, current -> { });
    }

    private StoredCampaign change(long id, List<Revision> seen, Function<Campaign, Campaign> transition, Consumer<Campaign> thenInTheSameUnit) {
        return transactions.inOne(() -> {
            Campaign current = held(id);
            requireSeen(current, seen);
            StoredCampaign changed = store(transition.apply(current), current);
            thenInTheSameUnit.accept(current);
            return changed;
        });
    }

    /** Refuses with {@link EditedMeanwhile} when {@code current} is in none of the revisions {@code seen} (null: any). */
    void requireSeen(Campaign current, List<Revision> seen) {
        edits.require(seen, StoredCampaign.revisionOf(current), "Campaign " + current.id(), "campaign", Long.toString(current.id()));
    }

    /** The campaign as it is now, held against concurrent changes until the unit of work ends. */
    private Campaign held(long id) {
        return campaigns.lockForChange(id).orElseThrow(() -> new CampaignNotFound(id)).campaign();
    }

    private StoredCampaign store(Campaign next, Campaign current) {
        if (!campaigns.update(next, current.state())) {
            Campaign now = stored.campaign(current.id()).campaign();
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
        return stored.campaign(next.id());
    }

    /** The plan as the audit trail keeps it: everything a planner can change, so an edit shows what it changed. */
    static AuditSnapshot.Values json(CampaignPlan plan) {
        return AuditSnapshot.of("name", plan.name(), "objective", plan.objective(), "targetSegment", plan.target().segmentKey(),
                "tacticalSegmentId", plan.target().tacticalSegmentId(),
                "actions", plan.actions().stream().map(CampaignChanges::describe).toList().toString(),
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
}
