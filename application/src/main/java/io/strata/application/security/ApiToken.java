package io.strata.application.security;

import java.time.Instant;

/** A stored API token: only the digest of its secret is known. */
public record ApiToken(long id, String name, String digest, Role role, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
