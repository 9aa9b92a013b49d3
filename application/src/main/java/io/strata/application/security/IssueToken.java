package io.strata.application.security;

import io.strata.domain.text.PlainText;

import java.time.Instant;

/** Command: create an API token with a name people recognise, a role and, optionally, an end of validity. */
public record IssueToken(String name, Role role, Instant expiresAt, String actor) {

    public static final int MAX_NAME_LENGTH = 100;

    public IssueToken {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("'name' is required: say who or what will use the token, e.g. 'nightly CRM export'");
        }
        name = name.strip();
        PlainText.tooLong("'name'", name, MAX_NAME_LENGTH).ifPresent(why -> {
            throw new IllegalArgumentException(why);
        });
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("'name' has at most " + MAX_NAME_LENGTH + " characters and no control characters");
        }
        if (role == null) {
            throw new IllegalArgumentException("'role' is required; use one of ADMIN, PLANNER, ANALYST, IMPORTER");
        }
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("a token is issued by someone");
        }
    }
}
