package io.strata.adapters.persistence.security;

import io.strata.application.security.ApiToken;
import io.strata.application.security.ApiTokens;
import io.strata.application.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

@Repository
public class JdbcApiTokens implements ApiTokens {

    private final JdbcClient jdbc;

    public JdbcApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ApiToken> findByDigest(String digest) {
        return jdbc.sql("select * from api_tokens where token_hash = ?").param(digest)
                .query((rs, n) -> new ApiToken(rs.getLong("token_id"), rs.getString("name"), rs.getString("token_hash"),
                        Role.valueOf(rs.getString("role")), instant(rs.getTimestamp("created_at")),
                        instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at"))))
                .optional();
    }

    @Override
    public boolean register(String name, String digest, Role role, Instant expiresAt) {
        return jdbc.sql("insert into api_tokens (name, token_hash, role, expires_at) values (?, ?, ?, ?) on conflict (token_hash) do nothing")
                .params(name, digest, role.name(), expiresAt == null ? null : Timestamp.from(expiresAt))
                .update() == 1;
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
