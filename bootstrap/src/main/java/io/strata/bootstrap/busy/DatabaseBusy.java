package io.strata.bootstrap.busy;

import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A request that waited in vain for a database connection (the pool's timeout, {@code strata.db.pool-size} connections
 * all in use): said as such, in the product's words, with when to try again, wherever it happens (an API call, a console
 * page, the filters before them). The pool answers it with {@link SQLTransientConnectionException}; Spring's
 * {@code CannotGetJdbcConnectionException} and Strata's own wrappers carry it as a cause. It lives in bootstrap, which
 * knows both sides: the web adapter speaks HTTP and never JDBC (HexagonalArchitectureTest), and the failure is JDBC's.
 */
public final class DatabaseBusy {

    /** Seconds a sender is told to wait before sending again. */
    public static final int RETRY_AFTER_SECONDS = 5;
    public static final String TITLE = "Strata is busy";
    public static final String DETAIL = "Strata could not get a connection to its database in time: all of them are in use by "
            + "other requests, imports and runs. Send the request again in " + RETRY_AFTER_SECONDS + " seconds; if this keeps "
            + "happening, ask your administrator to look at what is running or to give Strata more connections (strata.db.pool-size).";

    private DatabaseBusy() {
    }

    /** Whether the failure, or anything that caused it, is the pool's timeout. */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
