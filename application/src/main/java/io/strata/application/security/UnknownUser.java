package io.strata.application.security;

public final class UnknownUser extends RuntimeException {

    public UnknownUser(String username) {
        super("no console user is named '" + username + "'; GET /api/v1/users lists them");
    }
}
