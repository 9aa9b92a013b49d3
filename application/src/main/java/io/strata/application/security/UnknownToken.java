package io.strata.application.security;

public final class UnknownToken extends RuntimeException {

    public UnknownToken(long id) {
        super("no API token has the id " + id + "; GET /api/v1/tokens lists them");
    }
}
