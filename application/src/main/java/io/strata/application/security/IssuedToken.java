package io.strata.application.security;

/** A new token with its secret: the only moment the secret is known, it is not stored. */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.id() + ", " + token.name() + "]";
    }
}
