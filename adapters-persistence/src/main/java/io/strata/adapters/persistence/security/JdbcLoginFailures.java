package io.strata.adapters.persistence.security;

import io.strata.application.security.port.out.LoginFailures;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Login failures in PostgreSQL: one row per name, counted with an atomic upsert so parallel attempts all count. */
@Repository
public class JdbcLoginFailures implements LoginFailures {

    private final JdbcClient jdbc;

    public JdbcLoginFailures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> lockedUntil(String name) {
        return jdbc.sql("select locked_until from login_failures where username = ? and locked_until is not null").param(name)
                .query((rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant()).optional();
    }

    @Override
    public int recordFailure(String name, Instant now, Instant windowStart) {
        return jdbc.sql("""
                        insert into login_failures (username, failures, window_started_at, last_failure_at) values (:name, 1, :now, :now)
                        on conflict (username) do update set
                            failures = case when login_failures.window_started_at < :windowStart then 1 else login_failures.failures + 1 end,
                            window_started_at = case when login_failures.window_started_at < :windowStart then :now
                                                     else login_failures.window_started_at end,
                            last_failure_at = :now
                        returning failures""")
                .param("name", name).param("now", utc(now)).param("windowStart", utc(windowStart))
                .query(Integer.class).single();
    }

    @Override
    public void lock(String name, Instant until) {
        jdbc.sql("update login_failures set locked_until = ?, failures = 0 where username = ?").params(utc(until), name).update();
    }

    @Override
    public void clear(String name) {
        jdbc.sql("delete from login_failures where username = ?").param(name).update();
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        jdbc.sql("delete from login_failures where last_failure_at < :cutoff and (locked_until is null or locked_until < :cutoff)")
                .param("cutoff", utc(cutoff)).update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
