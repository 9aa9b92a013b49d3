package io.strata.application.security;

/** Who may do what: people log in as ADMIN, PLANNER or ANALYST; machines send IMPORTER tokens. */
public enum Role {
    ADMIN, PLANNER, ANALYST, IMPORTER
}
