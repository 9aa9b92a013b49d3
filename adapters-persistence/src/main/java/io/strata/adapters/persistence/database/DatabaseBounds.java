package io.strata.adapters.persistence.database;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code strata.db.*} (STRATA_DB_*): how long Strata waits on its database before it gives up (docs/architecture.md, "When
 * the database goes away" and "Locks held by others").
 * <ul>
 * <li>{@code connectTimeout}: to open a connection and log in (the driver's connectTimeout and loginTimeout; 10 s). A
 * network that drops packets instead of refusing (a firewall, a dead host) answers nothing: without it an attempt waited
 * as long as the operating system let it.</li>
 * <li>{@code requestReadTimeout}: how long a user's request (a page, an API call; not an import, not a run) waits for one
 * answer of the database before its connection is given up and the request answered 503 "database is unavailable" (5
 * min; 0 waits as long as the operating system lets it). It bounds a network gone silent, not a slow statement: a
 * campaign launch runs in its request and at ten million customers took about a minute, so the default stays well
 * above what one of a request's statements takes. Work of its own (runs, imports, the scheduler) is not bounded so: a
 * long legitimate statement is not cut.</li>
 * <li>{@code lockWait}: how long a user's request waits for a lock another session of the database holds (PostgreSQL's
 * {@code lock_timeout}; 10 s; 0 waits for ever) before it is undone and answered 503 naming the table and the session.
 * Runs, imports and the scheduler wait as long as the lock is held.</li>
 * </ul>
 */
@ConfigurationProperties("strata.db")
public record DatabaseBounds(@DefaultValue("10s") Duration connectTimeout, @DefaultValue("5m") Duration requestReadTimeout,
                             @DefaultValue("10s") Duration lockWait) {

    public DatabaseBounds {
        if (connectTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("strata.db.connect-timeout is " + connectTimeout + "; give at least 1s");
        }
        if (requestReadTimeout.isNegative()) {
            throw new IllegalArgumentException("strata.db.request-read-timeout is " + requestReadTimeout + "; give 0 (no bound) or more");
        }
        if (lockWait.isNegative()) {
            throw new IllegalArgumentException("strata.db.lock-wait is " + lockWait + "; give 0 (no bound) or more");
        }
    }

    /** The defaults, as the binder gives them when nothing is set (they are written once, in the annotations above). */
    public static DatabaseBounds defaults() {
        return new Binder().bindOrCreate("strata.db", DatabaseBounds.class);
    }
}
