package io.strata.bootstrap.busy;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A user's request that waited {@code strata.db.lock-wait} for a lock another session of the database holds, and was
 * undone (PostgreSQL's lock_timeout, 55P03): another client left a transaction open on a table Strata needs
 * ({@code lock table … in access exclusive mode}, an administrator's maintenance), or holds rows the request writes.
 * Said by {@link DatabaseBusyFilter} as a 503 in the product's words naming the table and the holding session's
 * process when they can be found, never the database's words (docs/architecture.md, "Locks held by others").
 */
public final class DatabaseLocked {

    /** PostgreSQL's lock_not_available: lock_timeout ran out. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final int RETRY_AFTER_SECONDS = 30;
    public static final String TITLE = "Strata's data is locked by another session";

    /** The row-lock waits' context names the relation: 'while updating tuple (0,1) in relation "campaigns"'. */
    private static final Pattern RELATION = Pattern.compile("in relation \"([^\"]+)\"");
    /**
     * Tables of Strata's database locked by a session that is not Strata's own (application_name) in a mode that keeps
     * others from writing or reading them, with the holding process.
     */
    private static final String HOLDERS = "select c.relname as relation, l.pid from pg_locks l join pg_class c on c.oid = l.relation "
            + "join pg_stat_activity a on a.pid = l.pid where l.granted and l.pid <> pg_backend_pid() "
            + "and l.database = (select oid from pg_database where datname = current_database()) and c.relkind in ('r', 'p') "
            + "and c.relnamespace = current_schema()::regnamespace "
            + "and l.mode in ('ShareLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock') "
            + "and a.application_name is distinct from 'strata' order by l.pid, c.relname limit 1";

    private DatabaseLocked() {
    }

    /** Whether the failure, or anything that caused it, is a lock wait that ran out. */
    public static boolean causedBy(Throwable failure) {
        return lockTimeout(failure) != null;
    }

    private static SQLException lockTimeout(Throwable failure) {
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable t = failure; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
            if (t instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return sql;
            }
        }
        return null;
    }

    /** The table and the holding process, as far as they can be found: a row lock's context, else the catalogue. */
    record Holder(String table, Integer pid) {
    }

    static Holder holder(Throwable failure, JdbcClient database) {
        SQLException timeout = lockTimeout(failure);
        if (timeout instanceof PSQLException psql) {
            ServerErrorMessage server = psql.getServerErrorMessage();
            Matcher relation = RELATION.matcher(server == null || server.getWhere() == null ? "" : server.getWhere());
            if (relation.find()) {
                return new Holder(relation.group(1), null);
            }
        }
        try {
            List<Holder> holders = database.sql(HOLDERS).query((row, n) -> new Holder(row.getString("relation"), row.getInt("pid"))).list();
            return holders.isEmpty() ? new Holder(null, null) : holders.get(0);
        } catch (RuntimeException notFound) {
            return new Holder(null, null);
        }
    }

    /** The answer's words: what held the request, that nothing was kept, when to send it again, whom to ask. */
    static String detail(Holder holder, long waitedSeconds) {
        String what = holder.table() == null ? "data this request needs"
                : "table " + holder.table() + Optional.ofNullable(holder.pid()).map(pid -> " (process " + pid + ")").orElse("");
        return "Another session of Strata's database holds a lock on " + what + ": another client of the database (a "
                + "transaction left open, a maintenance task) or a long import of Strata's own. Strata waited " + waitedSeconds
                + (waitedSeconds == 1 ? " second" : " seconds") + " for it (strata.db.lock-wait) and undid the request: nothing of it "
                + "was kept. Send it again in " + RETRY_AFTER_SECONDS + " seconds; if this keeps happening, ask your administrator to "
                + "end that session's transaction" + (holder.pid() == null ? "" : " (pg_stat_activity, pid " + holder.pid() + ")") + ".";
    }
}
