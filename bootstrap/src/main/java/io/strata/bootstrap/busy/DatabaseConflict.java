package io.strata.bootstrap.busy;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A request whose work PostgreSQL ended to break a conflict with other work on the same rows at the same moment: a
 * deadlock (40P01), which the database breaks by ending one side, or a serializable transaction that cannot be ordered
 * (40001). The ended transaction was undone whole, and the same request sent again is very likely to go through. Work
 * that foresees such a cycle does itself again first (an erasure: {@code Transactions.inOneDoneAgainAfterDeadlock});
 * what is still ended, or was not foreseen, is said as such by {@link DatabaseBusyFilter}, never as a 500 with a
 * reference to quote.
 */
public final class DatabaseConflict {

    /** Seconds a sender is told to wait: the other side of the cycle has gone on by then. */
    public static final int RETRY_AFTER_SECONDS = 1;
    public static final String TITLE = "Strata's work met other work on the same data";
    public static final String DETAIL = "Strata's database ended this request's work to break a deadlock with other work on the "
            + "same data at the same moment (an import, a run or another request), and undid it: nothing of it was kept. Send "
            + "the request again; it will almost always go through. If it keeps happening, ask your administrator to look at "
            + "Strata's log.";

    /** deadlock_detected and serialization_failure: PostgreSQL's transaction rollback class (Set.of refuses null lookups). */
    private static final Set<String> ENDED_TO_BREAK_A_CONFLICT = Set.of("40P01", "40001");

    private DatabaseConflict() {
    }

    /** Whether the failure, or anything that caused it, is PostgreSQL ending the work to break a conflict. */
    public static boolean causedBy(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && ENDED_TO_BREAK_A_CONFLICT.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
