package io.strata.adapters.web.campaign;

import io.strata.adapters.web.console.FieldErrors;
import io.strata.application.tactical.StoredTacticalSegment;
import io.strata.domain.campaign.Action;
import io.strata.domain.campaign.AttributionWindow;
import io.strata.domain.campaign.CampaignPlan;
import io.strata.domain.campaign.ControlGroup;
import io.strata.domain.campaign.InvalidCampaign;
import io.strata.domain.campaign.TacticalAction;
import io.strata.domain.campaign.Target;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one reader of a campaign plan, for the API's JSON body and the console's form alike. The domain builds each part
 * on its own (target, every action, every tactical action, control group, window, start), so every wrong field gets
 * its message in one round; the plan as a whole (name, number of actions) is built once its parts are valid. A source
 * only says how its input becomes each part ({@link Parts}); what is checked, and in which order, is decided here.
 */
final class CampaignPlanReader {

    /** A plan, or the errors that kept it from being built, in the order of the parts. */
    record Reading(CampaignPlan plan, FieldErrors errors) {
    }

    /**
     * A plan's parts as a source gives them, each built when the reader asks; a part that cannot be built throws
     * {@link InvalidCampaign} naming its field. A missing part (no control group, no window, no start) builds null.
     */
    record Parts(String name, String objective, Supplier<Target> target, List<Supplier<Action>> actions,
                 List<TacticalPart> tacticalActions, Supplier<ControlGroup> controlGroup,
                 Supplier<AttributionWindow> attributionWindow, Supplier<Instant> startAt) {

        Parts {
            actions = List.copyOf(actions);
            tacticalActions = List.copyOf(tacticalActions);
        }
    }

    /** A tactical action's parts: which tactical segment (its field named by {@code field}) and the action. */
    record TacticalPart(String field, Supplier<Long> tacticalSegmentId, Supplier<Action> action) {
    }

    private final Function<Long, Optional<StoredTacticalSegment>> tacticalSegments;

    private CampaignPlanReader(Function<Long, Optional<StoredTacticalSegment>> tacticalSegments) {
        this.tacticalSegments = tacticalSegments;
    }

    /**
     * Checks each tactical segment the plan names against {@code tacticalSegments} (every stored one by id, archived
     * too), so that the domain says why one may not be chosen next to its field, in the same round as the others.
     */
    static CampaignPlanReader checkingTacticalSegments(Map<Long, StoredTacticalSegment> tacticalSegments) {
        Map<Long, StoredTacticalSegment> byId = Map.copyOf(tacticalSegments);
        return new CampaignPlanReader(id -> Optional.ofNullable(byId.get(id)));
    }

    /**
     * Checks each tactical segment the plan names as {@code find} reads it by id (archived versions too): only the ones
     * the plan names are read, not every version ever saved (session 53).
     */
    static CampaignPlanReader checkingTacticalSegments(Function<Long, Optional<StoredTacticalSegment>> find) {
        return new CampaignPlanReader(find);
    }

    /** Leaves the tactical segments to the use case, which checks them with the same domain rule when the plan is saved. */
    static CampaignPlanReader leavingTacticalSegmentsToTheUseCase() {
        return new CampaignPlanReader(null);
    }

    Reading read(Parts parts) {
        FieldErrors errors = new FieldErrors();
        Target target = attempt(errors, parts.target());
        if (target != null) {
            target.tacticalSegment().ifPresent(id -> attempt(errors, () -> inside(target, id, "tacticalSegmentId")));
        }
        List<Action> actions = new ArrayList<>();
        for (Supplier<Action> action : parts.actions()) {
            add(actions, attempt(errors, action));
        }
        List<TacticalAction> tacticalActions = new ArrayList<>();
        for (TacticalPart part : parts.tacticalActions()) {
            add(tacticalActions, attempt(errors, () -> {
                long id = part.tacticalSegmentId().get();
                if (target != null) {
                    inside(target, id, part.field() + ".tacticalSegmentId");
                }
                return new TacticalAction(id, part.action().get());
            }));
        }
        ControlGroup controlGroup = attempt(errors, parts.controlGroup());
        AttributionWindow window = attempt(errors, parts.attributionWindow());
        Instant startAt = attempt(errors, parts.startAt());
        if (!errors.isEmpty()) {
            return new Reading(null, errors);
        }
        CampaignPlan plan = attempt(errors, () -> new CampaignPlan(parts.name(), parts.objective(), target, actions, tacticalActions,
                controlGroup, window, startAt));
        return new Reading(plan, errors);
    }

    /** Runs one domain construction; its refusal becomes the message of the field it names. */
    private static <T> T attempt(FieldErrors errors, Supplier<T> build) {
        try {
            return build.get();
        } catch (InvalidCampaign e) {
            errors.add(e.field(), e.getMessage());
            return null;
        }
    }

    private static <T> void add(List<T> list, T item) {
        if (item != null) {
            list.add(item);
        }
    }

    /** The domain's rule (the use case checks it again on save); answers the target so that it can run in {@link #attempt}. */
    private Target inside(Target target, long tacticalId, String field) {
        if (tacticalSegments != null) {
            target.requireInside(tacticalId, tacticalSegments.apply(tacticalId).map(StoredTacticalSegment::segment), field);
        }
        return target;
    }
}
