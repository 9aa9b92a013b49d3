package io.strata.adapters.persistence.database;

import io.strata.application.settings.DurationRange;
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
 * as long as the operating system let it. Requests' attempts while the database cannot be reached begin an eighth of it
 * apart, at least a slice ({@link ObservedConnects}).</li>
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

    /** From 1 s (the driver counts whole seconds, and 0 would be no bound) to 10 minutes. */
    public static final DurationRange CONNECT_TIMEOUT = DurationRange.of("strata.db.connect-timeout", Duration.ofSeconds(1),
            Duration.ofMinutes(10), Duration.ofSeconds(10));
    /** 0 (no bound) to a day: the driver's network timeout is an int of milliseconds (at most 24.8 days). */
    public static final DurationRange REQUEST_READ_TIMEOUT = DurationRange.of("strata.db.request-read-timeout", Duration.ZERO,
            Duration.ofDays(1), Duration.ofMinutes(5));
    /**
     * 0 (no bound) to a day: PostgreSQL's lock_timeout is an int of milliseconds; beyond it PostgreSQL refused every
     * request's {@code set lock_timeout} ("invalid value for parameter"), and every API call was answered 500.
     */
    public static final DurationRange LOCK_WAIT = DurationRange.of("strata.db.lock-wait", Duration.ZERO, Duration.ofDays(1),
            Duration.ofSeconds(10));

    public DatabaseBounds {
        CONNECT_TIMEOUT.check(connectTimeout);
        REQUEST_READ_TIMEOUT.check(requestReadTimeout);
        LOCK_WAIT.check(lockWait);
    }

    /** The defaults, as the binder gives them when nothing is set (they are written once, in the annotations above). */
    public static DatabaseBounds defaults() {
        return new Binder().bindOrCreate("strata.db", DatabaseBounds.class);
    }
}
