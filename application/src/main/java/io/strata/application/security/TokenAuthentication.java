package io.strata.application.security;

import io.strata.application.security.port.in.AuthenticateToken;
import io.strata.application.security.port.out.ApiTokens;
import java.time.Clock;
import java.util.Optional;

/** Finds the active token a bearer secret stands for, by the secret's digest. */
public final class TokenAuthentication implements AuthenticateToken {

    private final ApiTokens tokens;
    private final Clock clock;

    public TokenAuthentication(ApiTokens tokens, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public Optional<ApiToken> authenticate(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 512) {
            return Optional.empty();
        }
        return tokens.findByDigest(TokenDigest.of(secret)).filter(t -> t.activeAt(clock.instant()));
    }
}
