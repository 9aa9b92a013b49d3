package io.strata.domain.tactical;

/** Active tactical segments get members in every run; archived ones keep their past memberships. */
public enum TacticalStatus {
    ACTIVE, ARCHIVED
}
