package io.strata.application.campaign;

/** Treated customers receive the action; control customers, chosen by hash, receive nothing and show what would have happened anyway. */
public enum AudienceGroup {
    TREATMENT, CONTROL
}
