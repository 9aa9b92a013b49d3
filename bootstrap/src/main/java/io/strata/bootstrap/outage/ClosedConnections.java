package io.strata.bootstrap.outage;

import io.strata.adapters.persistence.database.DatabaseReach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Strata's one line for the connections the pool found closed by the database, in place of Hikari's line for each of
 * them. When PostgreSQL stops or restarts, ends sessions, or the network between them breaks, every connection the pool
 * holds is dead; Hikari finds each when it next hands it out and logs, for each, "Failed to validate connection … (This
 * connection has been closed.). Possibly consider using a shorter maxLifetime value." (8 WARN lines at the first request
 * after a stop, with advice that does not fit). This says it once per burst, at WARN; the rest of the burst at DEBUG. A
 * burst ends after {@link #QUIET} without such a connection. Whether the database can be reached is the pool's reach's
 * to say ({@link DatabaseReach}): it says so when the new connection the pool then opens fails.
 * <p>
 * In a JVM with several applications (the tests), the first application's filter takes every pool's lines: their
 * bursts are counted as one.
 */
final class ClosedConnections {

    static final Duration QUIET = Duration.ofMinutes(1);
    static final String FIRST = "Strata's pool of database connections found connections that the database had closed (\"{}\"): the "
            + "database was stopped or restarted, ended their sessions, or the network between them broke. The pool drops them and "
            + "opens new ones; if it cannot reach the database, the next line says so.";

    private final Logger log;
    private final LongSupplier nanoTime;
    private final long quietNanos;
    private boolean seen;
    private long lastSeen;
    private long inBurst;

    ClosedConnections() {
        this(LoggerFactory.getLogger(DatabaseReach.class), System::nanoTime, QUIET);
    }

    ClosedConnections(Logger log, LongSupplier nanoTime, Duration quiet) {
        this.log = log;
        this.nanoTime = nanoTime;
        this.quietNanos = quiet.toNanos();
    }

    /** Notes one connection found closed, with the driver's words for it. */
    void found(String driversWords) {
        boolean first;
        long count;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            first = !seen || now - lastSeen > quietNanos;
            seen = true;
            lastSeen = now;
            inBurst = first ? 1 : inBurst + 1;
            count = inBurst;
        }
        if (first) {
            log.warn(FIRST, driversWords);
        } else {
            log.debug("Strata's pool of database connections found one more connection that the database had closed ({} so far): \"{}\"",
                    count, driversWords);
        }
    }
}
