package io.strata.bootstrap.busy;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request that could not be completed because Strata's database cannot be reached or dropped its connection: it is
 * stopped, restarting, refuses Strata's connections (the pool then answers at once, {@code DatabaseUnreachable}), or
 * ended the request's session (an administrator's {@code pg_terminate_backend}, a server that crashed or shut down while
 * the request ran). Said as such, in the product's words, with when to try again, by {@link DatabaseBusyFilter} and
 * {@link DatabaseBusyProblems}, never as a 500; told apart from a pool that is only busy ({@link DatabaseBusy}).
 */
public final class DatabaseUnavailable {

    /** Seconds a sender is told to wait before sending again: a restart of PostgreSQL takes seconds. */
    public static final int RETRY_AFTER_SECONDS = 10;
    public static final String TITLE = "Strata's database is unavailable";
    public static final String DETAIL = "Strata cannot reach its database, or lost its connection to it: the database is stopped, "
            + "restarting or refusing Strata's connections, so the request could not be completed. Send it again in "
            + RETRY_AFTER_SECONDS + " seconds; if this keeps happening, ask your administrator to check that Strata's database is "
            + "running and accepts its connections (STRATA_DB_URL), and to look at Strata's log.";

    /**
     * PostgreSQL's SQLStates of a session the server ended: an administrator's command (57P01, {@code pg_terminate_backend}
     * or a fast shutdown), a crash of another session (57P02), a server not accepting connections yet (57P03).
     */
    private static final Set<String> ENDED = Set.of("57P01", "57P02", "57P03");

    private DatabaseUnavailable() {
    }

    /**
     * Whether the failure, or anything that caused it, says the database was out of reach: an SQLException of the
     * connection exception class (08: could not connect, the connection broke) or of a session the server ended. The
     * first connection not had ({@link SQLTransientConnectionException}) decides alone: the pool's timeout (busy) has no
     * SQLState of its own, the unreachable database's has 08001.
     */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                boolean lost = state != null && (state.startsWith("08") || ENDED.contains(state));
                if (lost || t instanceof SQLTransientConnectionException) {
                    return lost;
                }
            }
        }
        return false;
    }
}
