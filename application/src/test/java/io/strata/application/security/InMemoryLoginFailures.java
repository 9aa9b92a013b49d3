package io.strata.application.security;

import io.strata.application.security.port.out.LoginFailures;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The login failures in a map, with the meaning the PostgreSQL adapter's SQL has; {@link LoginFailuresContract} holds both to it. */
public final class InMemoryLoginFailures implements LoginFailures {

    private record Row(int failures, Instant windowStartedAt, Instant lastFailureAt, Instant lockedUntil) {
    }

    private final Map<String, Row> rows = new HashMap<>();

    @Override
    public Optional<Instant> lockedUntil(String name) {
        return Optional.ofNullable(rows.get(name)).map(Row::lockedUntil);
    }

    @Override
    public int recordFailure(String name, Instant now, Instant windowStart) {
        Row row = rows.get(name);
        Row next = row == null ? new Row(1, now, now, null)
                : row.windowStartedAt().isBefore(windowStart) ? new Row(1, now, now, row.lockedUntil())
                : new Row(row.failures() + 1, row.windowStartedAt(), now, row.lockedUntil());
        rows.put(name, next);
        return next.failures();
    }

    @Override
    public void lock(String name, Instant until) {
        Row row = rows.get(name);
        if (row != null) {
            rows.put(name, new Row(0, row.windowStartedAt(), row.lastFailureAt(), until));
        }
    }

    @Override
    public void clear(String name) {
        rows.remove(name);
    }

    @Override
    public void forgetBefore(Instant cutoff) {
        rows.values().removeIf(r -> r.lastFailureAt().isBefore(cutoff) && (r.lockedUntil() == null || r.lockedUntil().isBefore(cutoff)));
    }
}
