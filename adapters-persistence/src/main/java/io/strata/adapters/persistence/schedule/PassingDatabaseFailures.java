package io.strata.adapters.persistence.schedule;

import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.application.schedule.port.out.PassingFailures;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * PostgreSQL's failures that pass: done again a little later, the same work very likely goes through. They are
 * <ul>
 *   <li>the database out of reach or the connection lost (SQLSTATE class 08), or the session ended by the server or an
 *   administrator (57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now: a restart, a failover,
 *   {@code pg_terminate_backend}), as {@link DatabaseReach#lost} tells them (Strata's own {@code DatabaseUnreachable}
 *   included);</li>
 *   <li>work ended to break a conflict with other work: a deadlock (40P01) or a serialization failure (40001);</li>
 *   <li>a lock wait that ran out (55P03 lock_not_available) and a server at its connection limit (53300);</li>
 *   <li>no connection of the pool free within its timeout ({@link SQLTransientConnectionException} without a state: Strata
 *   busy).</li>
 * </ul>
 * Everything else is not passing: a constraint or a trigger refusing the row (class 23, P0001), a table or column gone
 * (42), a read-only database (25006), a full disk (53100), a statement cancelled (57014: a timeout that would cancel it
 * again). The causes, what each failure suppressed and the failure a failed rollback kept are looked through
 * (PassingDatabaseFailuresTest writes out each SQLState and the exceptions Spring makes of them).
 */
@Component
public class PassingDatabaseFailures implements PassingFailures {

    private static final Set<String> PASSING = Set.of("40001", "40P01", "55P03", "53300");

    @Override
    public boolean passes(RuntimeException failure) {
        return DatabaseReach.lost(failure) || passes(failure, new IdentityHashMap<>());
    }

    private static boolean passes(Throwable failure, Map<Throwable, Boolean> seen) {
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && (sql.getSQLState() != null && PASSING.contains(sql.getSQLState())
                    || sql instanceof SQLTransientConnectionException && sql.getSQLState() == null)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (passes(suppressed, seen)) {
                    return true;
                }
            }
            // a rollback that failed keeps the failure that broke the work (a deadlock) as Spring's application exception,
            // neither cause nor suppressed: looked at as DatabaseReach does (until session 60's review it was not)
            if (t instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && passes(rollback.getApplicationException(), seen)) {
                return true;
            }
        }
        return false;
    }
}
