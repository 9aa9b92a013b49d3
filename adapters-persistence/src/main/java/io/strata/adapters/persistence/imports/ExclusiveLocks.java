package io.strata.adapters.persistence.imports;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The exclusive table locks of a bulk load (dropping indexes), taken so that no deadlock can involve them.
 *
 * <p>Readers (runs, previews, console pages) take shared locks in whatever order their statements name tables, and
 * wait only for exclusive locks. So a deadlock needs an import that waits for a reader while holding an exclusive lock
 * that reader waits for: a run that reads {@code orders} and then waits for {@code order_lines} locked by an import,
 * which then waits for {@code orders} to drop its indexes. The rule here: an import takes all the exclusive locks it
 * will ever need at one moment, and never waits while it holds one. Either it tries them all without waiting
 * ({@link #tryAll}), or it waits for one table alone and then tries the others ({@link #takeAll}).
 */
final class ExclusiveLocks {

    /** PostgreSQL's lock_not_available, raised by {@code lock ... nowait}. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private ExclusiveLocks() {
    }

    /** All the tables' exclusive locks, or none of them if any is in use; never waits. */
    static boolean tryAll(Connection connection, List<String> tables) throws SQLException {
        return tryAllExcept(connection, tables, -1) < 0;
    }

    /**
     * All the tables' exclusive locks, waiting as long as readers hold them, but only ever for one table while holding
     * none of the others: wait for one, then try the rest without waiting; if one of those is busy, let go of all and
     * wait for that one next.
     */
    static void takeAll(Connection connection, List<String> tables) throws SQLException {
        int waitFor = 0;
        while (true) {
            execute(connection, "savepoint exclusive_locks");
            execute(connection, "lock table " + tables.get(waitFor) + " in access exclusive mode");
            int busy = tryAllExcept(connection, tables, waitFor);
            if (busy < 0) {
                execute(connection, "release savepoint exclusive_locks");
                return;
            }
            execute(connection, "rollback to savepoint exclusive_locks");
            waitFor = busy;
        }
    }

    /** Tries every table but one without waiting; answers the index of a busy table (all released) or -1 (all held). */
    private static int tryAllExcept(Connection connection, List<String> tables, int held) throws SQLException {
        execute(connection, "savepoint exclusive_try");
        for (int i = 0; i < tables.size(); i++) {
            if (i == held) {
                continue;
            }
            try {
                execute(connection, "lock table " + tables.get(i) + " in access exclusive mode nowait");
            } catch (SQLException e) {
                if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                    throw e;
                }
                execute(connection, "rollback to savepoint exclusive_try");
                return i;
            }
        }
        execute(connection, "release savepoint exclusive_try");
        return -1;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
