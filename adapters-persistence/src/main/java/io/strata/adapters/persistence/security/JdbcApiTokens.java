package io.strata.adapters.persistence.security;

import io.strata.application.security.ApiToken;
import io.strata.application.security.port.out.ApiTokens;
import io.strata.application.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Repository
public class JdbcApiTokens implements ApiTokens {

    private static final RowMapper<ApiToken> TOKEN = (rs, n) -> new ApiToken(rs.getLong("token_id"), rs.getString("name"),
            rs.getString("token_hash"), Role.valueOf(rs.getString("role")), instant(rs.getTimestamp("created_at")),
            instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("revoked_at")));

    private final JdbcClient jdbc;

    public JdbcApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ApiToken> findByDigest(String digest) {
        return jdbc.sql("select * from api_tokens where token_hash = ?").param(digest).query(TOKEN).optional();
    }

    @Override
    public Optional<ApiToken> find(long id) {
        return jdbc.sql("select * from api_tokens where token_id = ?").param(id).query(TOKEN).optional();
    }

    @Override
    public List<ApiToken> all() {
        return jdbc.sql("select * from api_tokens order by created_at desc, token_id desc").query(TOKEN).list();
    }

    @Override
    public List<ApiToken> newest(Long before, int limit) {
        // from the given token's place in the order of all(); ids do not follow creation (a token registered at start)
        String after = before == null ? "" : " where (created_at, token_id) < (select b.created_at, b.token_id from api_tokens b where b.token_id = :before)";
        var statement = jdbc.sql("select * from api_tokens" + after + " order by created_at desc, token_id desc limit :limit").param("limit", limit);
        return (before == null ? statement : statement.param("before", before)).query(TOKEN).list();
    }

    @Override
    public boolean register(String name, String digest, Role role, Instant expiresAt) {
        return jdbc.sql("insert into api_tokens (name, token_hash, role, expires_at) values (?, ?, ?, ?) on conflict (token_hash) do nothing")
                .params(name, digest, role.name(), timestamp(expiresAt))
                .update() == 1;
    }

    @Override
    public ApiToken create(String name, String digest, Role role, Instant expiresAt) {
        return jdbc.sql("insert into api_tokens (name, token_hash, role, expires_at) values (?, ?, ?, ?) returning *")
                .params(name, digest, role.name(), timestamp(expiresAt))
                .query(TOKEN).single();
    }

    @Override
    public boolean revoke(long id, Instant at) {
        return jdbc.sql("update api_tokens set revoked_at = ? where token_id = ? and revoked_at is null")
                .params(Timestamp.from(at), id).update() == 1;
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from api_tokens").query(Long.class).single();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
