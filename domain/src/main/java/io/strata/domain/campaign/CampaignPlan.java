package io.strata.domain.campaign;

import io.strata.domain.tactical.TacticalSegment;
import io.strata.domain.text.PlainText;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * What a planner decides for a segment: a named objective, the target, the actions, the control group, how long
 * results are attributed and, optionally, when it should start. {@code actions} are tried in order: each customer
 * gets the first action whose channel they consented to; customers who consented to none are excluded and counted.
 * {@code tacticalActions} replace them for the members of a tactical segment of the target: each member gets one
 * {@link ActionList}, the first tactical segment with an action they belong to, in plan order, or else the defaults.
 */
public record CampaignPlan(String name, String objective, Target target, List<Action> actions, List<TacticalAction> tacticalActions,
                           ControlGroup controlGroup, AttributionWindow attributionWindow, Instant startAt) {

    public static final int MAX_NAME_LENGTH = 200;
    /** As long as a segment's goal: a sentence or two, not a document. */
    public static final int MAX_OBJECTIVE_LENGTH = 500;
    public static final int MAX_ACTIONS = 10;
    /** Moments a campaign can start or be launched at: from 1900 to the end of year 9999, which PostgreSQL and people read. */
    public static final Instant EARLIEST_MOMENT = Instant.parse("1900-01-01T00:00:00Z");
    public static final Instant LATEST_MOMENT = Instant.parse("9999-12-31T23:59:59Z");

    public CampaignPlan {
        if (name == null || name.isBlank()) {
            throw new InvalidCampaign("name", "a campaign needs a name of 1 to " + MAX_NAME_LENGTH + " characters, e.g. \"Win back at risk\"");
        }
        PlainText.tooLong("the name", name.strip(), MAX_NAME_LENGTH).ifPresent(why -> {
            throw new InvalidCampaign("name", why);
        });
        name = name.strip();
        PlainText.refusal("the name", name).ifPresent(why -> {
            throw new InvalidCampaign("name", why);
        });
        objective = objective == null ? "" : objective.strip();
        PlainText.refusal("the objective", objective).ifPresent(why -> {
            throw new InvalidCampaign("objective", why);
        });
        if (PlainText.longerThan(objective, MAX_OBJECTIVE_LENGTH)) {
            throw new InvalidCampaign("objective", "the objective has " + PlainText.characters(objective) + " characters; at most "
                    + MAX_OBJECTIVE_LENGTH + " are allowed");
        }
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
        checkMoment("startAt", startAt);
        controlGroup = controlGroup == null ? ControlGroup.standard() : controlGroup;
        attributionWindow = attributionWindow == null ? AttributionWindow.standard() : attributionWindow;
    }

    /** A moment no one means (year 0, year 10000 or later) is refused before it reaches the database. */
    public static void checkMoment(String field, Instant moment) {
        if (moment != null && (moment.isBefore(EARLIEST_MOMENT) || moment.isAfter(LATEST_MOMENT))) {
            throw new InvalidCampaign(field, field + " " + moment + " is outside the moments a campaign can have, " + EARLIEST_MOMENT
                    + " to " + LATEST_MOMENT);
        }
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

    /** The action lists in the order that decides between them: the default actions, then one per tactical action in plan order. */
    public List<ActionList> actionLists() {
        List<ActionList> lists = new ArrayList<>(List.of(ActionList.DEFAULT));
        tacticalActions.forEach(t -> lists.add(new ActionList.Tactical(t.tacticalSegmentId())));
        return List.copyOf(lists);
    }

    /** The actions a list tries in order: the default actions, or the one action of a tactical segment. */
    public List<Action> actionsOf(ActionList list) {
        if (list instanceof ActionList.Tactical tactical) {
            return tacticalActions.stream().filter(a -> a.tacticalSegmentId() == tactical.tacticalSegmentId()).map(TacticalAction::action).toList();
        }
        return actions;
    }

    /**
     * The action list of a member of the target who belongs, in the frozen run, to the given tactical segments: the
     * first tactical action's segment, in plan order, among them, else the default actions. Consent plays no part
     * here: a member without consent for their list's channel is excluded rather than moved to another list, so each
     * list's treatment and control hold exactly the customers the planner meant it for. The audience freeze computes
     * the same set-based in SQL; this is the reference.
     */
    public ActionList actionListFor(Set<Long> tacticalSegments) {
        return tacticalActions.stream().filter(t -> tacticalSegments.contains(t.tacticalSegmentId())).findFirst()
                .<ActionList>map(t -> new ActionList.Tactical(t.tacticalSegmentId())).orElse(ActionList.DEFAULT);
    }

    /** What a member of a list receives: the list's first action whose consent they gave; empty when none, so they are excluded. */
    public Optional<Action> actionFor(ActionList list, Set<Consent> given) {
        return actionsOf(list).stream().filter(a -> a.channel().consent() == Consent.NOT_NEEDED || given.contains(a.channel().consent()))
                .findFirst();
    }

    /** Every tactical segment the plan names, once each: the narrowing first, then those with actions in plan order. */
    public List<Long> tacticalSegmentIds() {
        Set<Long> ids = new LinkedHashSet<>();
        target.tacticalSegment().ifPresent(ids::add);
        tacticalActions.forEach(t -> ids.add(t.tacticalSegmentId()));
        return List.copyOf(ids);
    }

    /**
     * Refuses the plan unless every tactical segment it names is an active sub-group of the target's segment (see
     * {@link Target#requireInside}); {@code tacticalSegments} looks a stored tactical segment up by id.
     */
    public void requireTacticalSegmentsInsideTarget(LongFunction<Optional<TacticalSegment>> tacticalSegments) {
        target.tacticalSegment().ifPresent(id -> target.requireInside(id, tacticalSegments.apply(id), "tacticalSegmentId"));
        for (int i = 0; i < tacticalActions.size(); i++) {
            long id = tacticalActions.get(i).tacticalSegmentId();
            target.requireInside(id, tacticalSegments.apply(id), "tacticalActions[" + i + "].tacticalSegmentId");
        }
    }

    public CampaignPlan startingAt(Instant newStart) {
        return new CampaignPlan(name, objective, target, actions, tacticalActions, controlGroup, attributionWindow, newStart);
    }
}
