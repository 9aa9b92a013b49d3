package io.strata.adapters.persistence.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether one part of Strata that works on its own (the pool's connecting, the scheduler's look at the clock, the clean-up
 * of expired console sessions) reaches the database, said once each way: one WARN line when it first fails to, naming
 * the cause in words, and one INFO line when it works again. Before, while the database was away, db-scheduler logged a
 * stack trace every 10 s and Spring Session's clean-up one every minute (docs/architecture.md, "When the database goes
 * away"). Failures of another kind are not taken: {@link #failed} answers false, and the caller logs them as before.
 */
public final class DatabaseReach {

    private static final Logger log = LoggerFactory.getLogger(DatabaseReach.class);

    /**
     * PostgreSQL's SQLStates of a session the server ended: an administrator's command (57P01, {@code pg_terminate_backend}
     * or a fast shutdown), a crash of another session (57P02), a server not accepting connections yet (57P03).
     */
    private static final Set<String> ENDED = Set.of("57P01", "57P02", "57P03");

    private final String who;
    private final String again;
    private long failingSince;
    private long failures;

    /**
     * @param who   the part, as the start of a sentence ("The look at the clock (strata-due-work)")
     * @param again when it tries again ("at its next beat")
     */
    public DatabaseReach(String who, String again) {
        this.who = who;
        this.again = again;
    }

    /**
     * Notes a failure: true if it was the database out of reach ({@link #lost}), logged once until {@link #worked}; false
     * for any other failure, which the caller logs itself.
     */
    public boolean failed(Throwable failure) {
        if (!lost(failure)) {
            return false;
        }
        boolean first;
        synchronized (this) {
            first = failures++ == 0;
            if (first) {
                failingSince = System.nanoTime();
            }
        }
        if (first) {
            log.warn("{} cannot reach the database: {} It tries again {}; the log says when it reaches the database again.", who,
                    reason(failure), again);
        } else {
            log.debug("{} still cannot reach the database: {}", who, reason(failure));
        }
        return true;
    }

    /** Notes a success: after failures, says once that it works again. */
    public void worked() {
        long failed;
        long since;
        synchronized (this) {
            failed = failures;
            since = failingSince;
            failures = 0;
        }
        if (failed > 0) {
            log.info("{} reaches the database again, after {} failed {} over {} s.", who, failed, failed == 1 ? "attempt" : "attempts",
                    Duration.ofNanos(System.nanoTime() - since).toSeconds());
        }
    }

    /**
     * Whether the failure, or anything that caused it, says the database was out of reach: an SQLException of the
     * connection exception class (08: could not connect, the connection broke) or of a session the server ended. The
     * first connection not had ({@link SQLTransientConnectionException}) decides alone: the pool's timeout (busy) has no
     * SQLState of its own, the unreachable database's has 08001. What a failure suppressed counts too.
     */
    public static boolean lost(Throwable failure) {
        return lost(failure, new IdentityHashMap<>());
    }

    /** Along the causes, and into what each suppressed (a rollback that failed keeps the broken statement's failure there). */
    private static boolean lost(Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                boolean lost = state != null && (state.startsWith("08") || ENDED.contains(state));
                if (lost || t instanceof SQLTransientConnectionException) {
                    return lost;
                }
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (lost(suppressed, seen)) {
                    return true;
                }
            }
            // a rollback that failed on a connection the pool had closed ("Connection is closed", no SQLState) keeps the
            // failure that broke the work as Spring's application exception, neither cause nor suppressed
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && lost(rollback.getApplicationException(), seen)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cause in words: the driver's sentence of the failure that says the database was out of reach ("Connection to
     * localhost:5432 refused. Check that …", "An I/O error occurred while sending to the backend."), else the innermost
     * cause's class and message.
     */
    public static String reason(Throwable failure) {
        SQLException said = outOfReach(failure, new IdentityHashMap<>());
        Throwable deepest = failure;
        for (int i = 0; i < 50 && deepest.getCause() != null && deepest.getCause() != deepest; i++) {
            deepest = deepest.getCause();
        }
        String words = said != null && said.getMessage() != null ? said.getMessage()
                : deepest.getClass().getSimpleName() + ": " + deepest.getMessage();
        return words.endsWith(".") ? words : words + ".";
    }

    /** The driver's failure of the connection class (08) or of a session ended, not Strata's own {@link DatabaseUnreachable}. */
    private static SQLException outOfReach(Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && !(t instanceof DatabaseUnreachable) && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || ENDED.contains(sql.getSQLState()))) {
                return sql;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                SQLException found = outOfReach(suppressed, seen);
                if (found != null) {
                    return found;
                }
            }
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null) {
                SQLException found = outOfReach(rollback.getApplicationException(), seen);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
