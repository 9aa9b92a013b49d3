package io.strata.application.security;

import java.time.Clock;
import java.util.Optional;

/** In-port: which active token, if any, a bearer secret stands for. */
public final class AuthenticateToken {

    private final ApiTokens tokens;
    private final Clock clock;

    public AuthenticateToken(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 512) {
            return Optional.empty();
        }
        return tokens.findByDigest(TokenDigest.of(secret)).filter(t -> t.activeAt(clock.instant()));
    }
}
