package io.strata.application.security;

import java.time.Instant;

/** A stored API token: only the digest of its secret is known. */
public record ApiToken(long id, String name, String digest, Role role, Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public enum Status { ACTIVE, EXPIRED, REVOKED }

    public boolean activeAt(Instant now) {
        return statusAt(now) == Status.ACTIVE;
    }

    public Status statusAt(Instant now) {
        if (revokedAt != null) {
            return Status.REVOKED;
        }
        return expiresAt == null || expiresAt.isAfter(now) ? Status.ACTIVE : Status.EXPIRED;
    }
}
