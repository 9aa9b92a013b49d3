package io.strata.domain.campaign;

import io.strata.domain.text.PlainText;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A campaign, one type per state: a draft can be edited, only a running or completed campaign has a launch and an
 * audience. Each state offers the transitions it allows; the others are refused with an {@link IllegalTransition}
 * naming the current state and what is allowed instead.
 *
 * <pre>
 * DRAFT --schedule--> SCHEDULED --launch--> RUNNING --complete--> COMPLETED
 *   |                     |
 *   +------cancel---------+--> CANCELLED
 * </pre>
 */
public sealed interface Campaign permits Campaign.Draft, Campaign.Scheduled, Campaign.Running, Campaign.Completed, Campaign.Cancelled {

    long id();

    CampaignPlan plan();

    CampaignState state();

    List<Transition> allowed();

    default Optional<Launch> launched() {
        return Optional.empty();
    }

    default Draft edit(CampaignPlan newPlan) {
        throw refused(Transition.EDIT);
    }

    /** Fixes the plan for launch; {@code startAt}, when given, replaces the plan's start and must not be in the past. */
    default Scheduled schedule(Instant now, Instant startAt) {
        throw refused(Transition.SCHEDULE);
    }

    default Running launch(Launch launch) {
        throw refused(Transition.LAUNCH);
    }

    default Completed complete(Instant at) {
        throw refused(Transition.COMPLETE);
    }

    default Cancelled cancel(Instant at, String reason) {
        throw refused(Transition.CANCEL);
    }

    /** Refuses early, before any work is done for a transition this state does not allow. */
    default void require(Transition transition) {
        if (!allowed().contains(transition)) {
            throw refused(transition);
        }
    }

    default IllegalTransition refused(Transition transition) {
        return new IllegalTransition(id(), state(), transition, allowed());
    }

    static Draft draft(long id, CampaignPlan plan) {
        return new Draft(id, plan);
    }

    record Draft(long id, CampaignPlan plan) implements Campaign {

        public Draft {
            checkId(id);
            Objects.requireNonNull(plan, "plan");
        }

        @Override
        public CampaignState state() {
            return CampaignState.DRAFT;
        }

        @Override
        public List<Transition> allowed() {
            return List.of(Transition.EDIT, Transition.SCHEDULE, Transition.CANCEL);
        }

        @Override
        public Draft edit(CampaignPlan newPlan) {
            return new Draft(id, newPlan);
        }

        @Override
        public Scheduled schedule(Instant now, Instant startAt) {
            Instant start = startAt != null ? startAt : plan.startAt();
            CampaignPlan.checkMoment("startAt", start);
            if (start != null && start.isBefore(now)) {
                throw new InvalidCampaign("startAt", "startAt " + start + " is in the past; give a future start time, or none to launch by hand");
            }
            return new Scheduled(id, plan.startingAt(start), now);
        }

        @Override
        public Cancelled cancel(Instant at, String reason) {
            return new Cancelled(id, plan, CampaignState.DRAFT, at, reason);
        }
    }

    record Scheduled(long id, CampaignPlan plan, Instant scheduledAt) implements Campaign {

        public Scheduled {
            checkId(id);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(scheduledAt, "scheduledAt");
        }

        @Override
        public CampaignState state() {
            return CampaignState.SCHEDULED;
        }

        @Override
        public List<Transition> allowed() {
            return List.of(Transition.LAUNCH, Transition.CANCEL);
        }

        @Override
        public Running launch(Launch launch) {
            return new Running(id, plan, scheduledAt, launch);
        }

        @Override
        public Cancelled cancel(Instant at, String reason) {
            return new Cancelled(id, plan, CampaignState.SCHEDULED, at, reason);
        }
    }

    record Running(long id, CampaignPlan plan, Instant scheduledAt, Launch launch) implements Campaign {

        public Running {
            checkId(id);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(launch, "launch");
        }

        @Override
        public CampaignState state() {
            return CampaignState.RUNNING;
        }

        @Override
        public List<Transition> allowed() {
            return List.of(Transition.COMPLETE);
        }

        @Override
        public Optional<Launch> launched() {
            return Optional.of(launch);
        }

        @Override
        public Completed complete(Instant at) {
            return new Completed(id, plan, launch, at);
        }
    }

    record Completed(long id, CampaignPlan plan, Launch launch, Instant completedAt) implements Campaign {

        public Completed {
            checkId(id);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(launch, "launch");
            Objects.requireNonNull(completedAt, "completedAt");
        }

        @Override
        public CampaignState state() {
            return CampaignState.COMPLETED;
        }

        @Override
        public List<Transition> allowed() {
            return List.of();
        }

        @Override
        public Optional<Launch> launched() {
            return Optional.of(launch);
        }
    }

    /** Stopped before it ran; {@code cancelledFrom} is DRAFT or SCHEDULED. */
    record Cancelled(long id, CampaignPlan plan, CampaignState cancelledFrom, Instant cancelledAt, String reason) implements Campaign {

        /** As long as a campaign's objective. */
        public static final int MAX_REASON_LENGTH = CampaignPlan.MAX_OBJECTIVE_LENGTH;

        public Cancelled {
            checkId(id);
            Objects.requireNonNull(plan, "plan");
            Objects.requireNonNull(cancelledAt, "cancelledAt");
            if (cancelledFrom != CampaignState.DRAFT && cancelledFrom != CampaignState.SCHEDULED) {
                throw new IllegalArgumentException("only a draft or scheduled campaign can be cancelled, not a " + cancelledFrom + " one");
            }
            reason = reason == null ? "" : reason.strip();
            PlainText.refusal("the reason", reason).ifPresent(why -> {
                throw new InvalidCampaign("reason", why);
            });
            if (PlainText.longerThan(reason, MAX_REASON_LENGTH)) {
                throw new InvalidCampaign("reason", "the reason has " + PlainText.characters(reason) + " characters; at most " + MAX_REASON_LENGTH
                        + " are allowed");
            }
        }

        @Override
        public CampaignState state() {
            return CampaignState.CANCELLED;
        }

        @Override
        public List<Transition> allowed() {
            return List.of();
        }
    }

    private static void checkId(long id) {
        if (id <= 0) {
            throw new IllegalArgumentException("campaign ids are positive; " + id + " is not one");
        }
    }
}
