package io.strata.domain.campaign;

import java.util.Optional;

/**
 * Which of a plan's action lists a member of the frozen audience gets: the default actions, or the action of one
 * tactical segment of the target, which replaces them for its members. Audience rows, deliveries and results carry
 * it, so a tactical hypothesis ("customers who watch on a smart TV answer an SMS") is measured on its own treatment
 * and control group.
 */
public sealed interface ActionList permits ActionList.Default, ActionList.Tactical {

    ActionList DEFAULT = new Default();

    /** The tactical segment whose action this list is; empty for the default actions. */
    Optional<Long> tacticalSegment();

    /** The list a stored tactical segment id names; null names the default actions. */
    static ActionList of(Long tacticalSegmentId) {
        return tacticalSegmentId == null ? DEFAULT : new Tactical(tacticalSegmentId);
    }

    /** The plan's own actions, tried in order, for every member outside the tactical segments with actions. */
    record Default() implements ActionList {

        @Override
        public Optional<Long> tacticalSegment() {
            return Optional.empty();
        }
    }

    /** The action a tactical segment of the target has for its members instead of the default actions. */
    record Tactical(long tacticalSegmentId) implements ActionList {

        public Tactical {
            if (tacticalSegmentId <= 0) {
                throw new IllegalArgumentException("tactical segment ids are positive; " + tacticalSegmentId + " is not one");
            }
        }

        @Override
        public Optional<Long> tacticalSegment() {
            return Optional.of(tacticalSegmentId);
        }
    }
}
