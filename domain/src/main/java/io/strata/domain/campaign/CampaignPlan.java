package io.strata.domain.campaign;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a planner decides for a segment: a named objective, the target, the actions, the control group, how long
 * results are attributed and, optionally, when it should start. {@code actions} are tried in order: each customer
 * gets the first action whose channel they consented to; customers who consented to none are excluded and counted.
 * {@code tacticalActions} replace them for members of a tactical segment.
 */
public record CampaignPlan(String name, String objective, Target target, List<Action> actions, List<TacticalAction> tacticalActions,
                           ControlGroup controlGroup, AttributionWindow attributionWindow, Instant startAt) {

    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_ACTIONS = 10;

    public CampaignPlan {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH) {
            throw new InvalidCampaign("name", "a campaign needs a name of 1 to " + MAX_NAME_LENGTH + " characters, e.g. \"Win back at risk\"");
        }
        name = name.strip();
        objective = objective == null ? "" : objective.strip();
        Objects.requireNonNull(target, "target");
        actions = actions == null ? List.of() : List.copyOf(actions);
        if (actions.isEmpty() || actions.size() > MAX_ACTIONS) {
            throw new InvalidCampaign("actions", "a campaign needs 1 to " + MAX_ACTIONS + " actions, e.g. [{\"channel\": \"email\","
                    + " \"content\": \"template:winback-1\"}]; they are tried in order until one the customer consented to");
        }
        tacticalActions = tacticalActions == null ? List.of() : List.copyOf(tacticalActions);
        Set<Long> seen = new HashSet<>();
        for (TacticalAction tactical : tacticalActions) {
            if (!seen.add(tactical.tacticalSegmentId())) {
                throw new InvalidCampaign("tacticalActions", "tactical segment " + tactical.tacticalSegmentId()
                        + " has two actions; give each tactical segment at most one");
            }
        }
        controlGroup = controlGroup == null ? ControlGroup.standard() : controlGroup;
        attributionWindow = attributionWindow == null ? AttributionWindow.standard() : attributionWindow;
    }

    public Optional<Instant> start() {
        return Optional.ofNullable(startAt);
    }

    /** Whether launching needs tactical segment membership: a narrowed target or actions per tactical segment. */
    public boolean needsTacticalMembership() {
        return target.tacticalSegment().isPresent() || !tacticalActions.isEmpty();
    }

    /** The action at a position as a frozen audience numbers them: the plan's actions first, then its tactical actions. */
    public Optional<Action> actionAt(int position) {
        if (position >= 0 && position < actions.size()) {
            return Optional.of(actions.get(position));
        }
        int tactical = position - actions.size();
        return tactical >= 0 && tactical < tacticalActions.size() ? Optional.of(tacticalActions.get(tactical).action()) : Optional.empty();
    }

    public CampaignPlan startingAt(Instant newStart) {
        return new CampaignPlan(name, objective, target, actions, tacticalActions, controlGroup, attributionWindow, newStart);
    }
}
