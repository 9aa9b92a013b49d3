package io.strata.application.security.port.out;

import io.strata.application.security.Role;
import io.strata.application.security.ApiToken;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Out-port: stored API tokens, looked up by the digest of the secret. */
public interface ApiTokens {

    Optional<ApiToken> findByDigest(String digest);

    Optional<ApiToken> find(long id);

    /** Every token, newest first. */
    List<ApiToken> all();

    /**
     * The tokens after token {@code before} in the order of {@link #all()} (newest first: by creation, then id;
     * {@code null}: from the newest; an id no token has: none), {@code limit} at most.
     */
    List<ApiToken> newest(Long before, int limit);

    /** Stores a token unless one with this digest exists; answers whether it was new. */
    boolean register(String name, String digest, Role role, Instant expiresAt);

    /** Stores a new token and answers it as stored, with its id. */
    ApiToken create(String name, String digest, Role role, Instant expiresAt);

    /** Marks the token revoked at that time unless it already is; answers whether it changed. */
    boolean revoke(long id, Instant at);

    long count();
}
