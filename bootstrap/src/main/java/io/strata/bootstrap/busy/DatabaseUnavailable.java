package io.strata.bootstrap.busy;

import io.strata.adapters.persistence.database.DatabaseReach;

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

    private DatabaseUnavailable() {
    }

    /** Whether the failure, or anything that caused it, says the database was out of reach ({@link DatabaseReach#lost}). */
    public static boolean causedBy(Throwable failure) {
        return DatabaseReach.lost(failure);
    }
}
