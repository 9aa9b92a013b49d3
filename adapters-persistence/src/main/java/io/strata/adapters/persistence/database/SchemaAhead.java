package io.strata.adapters.persistence.database;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.util.Optional;

/**
 * Whether a newer version of Strata has migrated the database since this node started: the database then holds more
 * changesets than it did once this node had migrated it (only Liquibase adds them, and it never removes one). Looked
 * up at most once per {@code lookEvery} (one count of a table of some hundred rows); once seen, it stays seen, as
 * nothing but a restore from a backup takes a newer schema back.
 */
public final class SchemaAhead {

    private final JdbcClient jdbc;
    private final OneNodeMigrates migrations;
    private final Duration lookEvery;
    private volatile long lookedAt;
    private volatile boolean looked;
    private volatile String ahead;

    public SchemaAhead(JdbcClient jdbc, OneNodeMigrates migrations, Duration lookEvery) {
        this.jdbc = jdbc;
        this.migrations = migrations;
        this.lookEvery = lookEvery;
    }

    /** Empty while the schema is this version's; else why this node answers no more requests, in words. */
    public Optional<String> newerVersionMigrated() {
        if (ahead != null) {
            return Optional.of(ahead);
        }
        long now = System.nanoTime();
        if (looked && now - lookedAt < lookEvery.toNanos()) {
            return Optional.empty();
        }
        long known = migrations.changeSetsAtStart();
        long held = jdbc.sql("select count(*) from databasechangelog").query(Long.class).single();
        lookedAt = now;
        looked = true;
        if (known < 0 || held <= known) {
            return Optional.empty();
        }
        // Liquibase writes dateexecuted as the database's local time: shown as it is written
        var newest = jdbc.sql("select id, to_char(dateexecuted, 'YYYY-MM-DD HH24:MI') from databasechangelog "
                        + "order by orderexecuted desc, dateexecuted desc limit 1")
                .query((row, n) -> new String[] {row.getString(1), row.getString(2)}).single();
        ahead = NewerSchema.whileRunning(held - known, newest[0], newest[1]);
        return Optional.of(ahead);
    }
}
