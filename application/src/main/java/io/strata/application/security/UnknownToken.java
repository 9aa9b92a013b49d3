package io.strata.application.security;

public final class UnknownToken extends RuntimeException {

    public UnknownToken(long id) {
        super("no API token has the id " + id + "; the list of API tokens shows every id");
    }
}
