package io.strata.application.security;

public final class UnknownUser extends RuntimeException {

    public UnknownUser(String username) {
        super("no console user is named '" + username + "'; the list of console users shows every name");
    }
}
