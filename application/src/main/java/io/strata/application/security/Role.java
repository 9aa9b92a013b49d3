package io.strata.application.security;

import java.util.Arrays;

/** Who may do what: people log in as ADMIN, PLANNER or ANALYST; machines send IMPORTER tokens. */
public enum Role {
    ADMIN, PLANNER, ANALYST, IMPORTER;

    /** Whether a console user (a person) may have this role; IMPORTER is for machines only. */
    public boolean forPeople() {
        return this != IMPORTER;
    }

    /** Reads a role as sent by a client; the message lists the roles there are. */
    public static Role parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a role is required; use one of " + Arrays.toString(values()));
        }
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + io.strata.domain.text.PlainText.echo(text) + "' is not a role; use one of " + Arrays.toString(values()));
    }
}
