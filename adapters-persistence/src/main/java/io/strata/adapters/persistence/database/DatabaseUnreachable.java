package io.strata.adapters.persistence.database;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * No connection could be had because the database cannot be reached: the last attempt to connect to it failed (it is
 * stopped, restarting, or refuses Strata's user), so a request is told at once instead of waiting the pool's whole
 * timeout for a connection that cannot come. A {@link SQLTransientConnectionException}, as the pool's own timeout is, so
 * whatever handles a connection not had (an import's record, the answers) handles this one too; its SQLState is
 * PostgreSQL's "connection exception" class (08001), by which the answers tell it from a pool that is only busy.
 */
public final class DatabaseUnreachable extends SQLTransientConnectionException {

    public static final String SQL_STATE = "08001";

    DatabaseUnreachable(SQLException lastAttempt) {
        super("The database cannot be reached: the last attempt to connect failed (" + lastAttempt.getMessage() + ")", SQL_STATE, lastAttempt);
    }
}
