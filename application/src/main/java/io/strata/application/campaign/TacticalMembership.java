package io.strata.application.campaign;

/**
 * Extension point for narrowing a campaign to a tactical segment and for actions per tactical segment. Tactical
 * membership is not available to campaigns yet: {@link #NOT_AVAILABLE} is wired, and a launch whose plan needs it is
 * refused with a message saying so. Whoever adds it implements this port and the tactical filter in the audience
 * freeze (see the persistence adapter's {@code tacticalFilter}).
 */
public interface TacticalMembership {

    TacticalMembership NOT_AVAILABLE = () -> false;

    boolean available();
}
