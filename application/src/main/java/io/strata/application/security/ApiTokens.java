package io.strata.application.security;

import java.time.Instant;
import java.util.Optional;

/** Out-port: stored API tokens, looked up by the digest of the secret. */
public interface ApiTokens {

    Optional<ApiToken> findByDigest(String digest);

    /** Stores a token unless one with this digest exists; answers whether it was new. */
    boolean register(String name, String digest, Role role, Instant expiresAt);

    long count();
}
