package io.strata.adapters.persistence.database;

import org.postgresql.PGConnection;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The database Strata connected to cannot hold its work, found before anything is migrated: a read-only one (a hot
 * standby, or {@code default_transaction_read_only} set for the database or the role), a {@code search_path} that names
 * no schema that exists, a schema the role may not create tables in (PostgreSQL 15 no longer lets every role create in
 * {@code public}), tables of Strata's schema that belong to another role (a restore by a DBA: runs create partitions and
 * attach them, imports rebuild indexes, which only the tables' owner may do), or a pooler in transaction mode between
 * Strata and the server (PgBouncer's {@code pool_mode = transaction}: Strata's session-level advisory locks, temporary
 * tables and settings would go to other clients' sessions). Without this check the first changeset failed with Spring's
 * 200 lines of nested causes, or, on a database migrated before, Strata started and failed its first write.
 * Strata stops with exit status 1 and one report: what was found, where, and what to run (docs/architecture.md,
 * "External PostgreSQL as deployments run it").
 */
public final class DatabaseUnfit extends RuntimeException {

    private final String how;

    DatabaseUnfit(String found, String how) {
        super(found);
        this.how = how;
    }

    /** What to do about it. */
    public String how() {
        return how;
    }

    /**
     * Looks at the database through {@code connection} (autocommit), and, when {@code pool} is given, through a second
     * connection of that pool for a pooler in transaction mode. Returns quietly when the database is fit.
     */
    public static void check(Connection connection, DataSource pool) throws SQLException {
        String database;
        String user;
        String schema;
        boolean standby;
        boolean readOnly;
        String searchPath;
        try (Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select current_database()::text, current_user::text, current_schema()::text, "
                     + "pg_is_in_recovery(), current_setting('transaction_read_only') = 'on', current_setting('search_path')")) {
            rs.next();
            database = rs.getString(1);
            user = rs.getString(2);
            schema = rs.getString(3);
            standby = rs.getBoolean(4);
            readOnly = rs.getBoolean(5);
            searchPath = rs.getString(6);
        }
        String where = "the database '" + database + "' (STRATA_DB_URL) as '" + user + "' (STRATA_DB_USER)";
        if (standby) {
            throw new DatabaseUnfit("Strata does not start: " + where + " is read-only: the server is a standby (in recovery).",
                    "Point STRATA_DB_URL at the primary server (or promote this one), then start Strata again.");
        }
        if (readOnly) {
            throw new DatabaseUnfit("Strata does not start: " + where + " is read-only: default_transaction_read_only is on "
                    + "(set for the database, the role or the server).",
                    "Point STRATA_DB_URL at the primary, writable database, or have it made writable: as its owner or a superuser "
                            + "'alter database " + ident(database) + " reset default_transaction_read_only' and "
                            + "'alter role " + ident(user) + " reset default_transaction_read_only' (and in postgresql.conf); "
                            + "then start Strata again.");
        }
        if (schema == null) {
            throw new DatabaseUnfit("Strata does not start: the search_path of " + where + " is '" + searchPath
                    + "', which names no schema that exists, so Strata's tables would have nowhere to go.",
                    "Create that schema for Strata's role ('create schema <name> authorization " + ident(user) + "'), or reset the "
                            + "search_path ('alter role " + ident(user) + " in database " + ident(database) + " reset search_path' and "
                            + "'alter role " + ident(user) + " reset search_path') to use public; then start Strata again.");
        }
        try (Statement sql = connection.createStatement();
             ResultSet rs = sql.executeQuery("select has_schema_privilege(current_schema(), 'CREATE')")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                throw new DatabaseUnfit("Strata does not start: " + where + " may not create tables in the schema '" + schema
                        + "' (no CREATE privilege on it; since PostgreSQL 15 only the database's owner may create in public).",
                        "Make Strata's role the owner of the schema, as its owner or a superuser: 'alter schema " + ident(schema)
                                + " owner to " + ident(user) + "' (or at least 'grant usage, create on schema " + ident(schema)
                                + " to " + ident(user) + "'), or the owner of a database of its own ('create database strata owner "
                                + ident(user) + "'); then start Strata again.");
            }
        }
        List<String> others = new ArrayList<>();
        String otherOwner = null;
        try (Statement sql = connection.createStatement();
             // Strata's tables are those of whoever owns its changelog (the schema may hold other applications' tables too)
             ResultSet rs = sql.executeQuery("select c.relname::text, pg_get_userbyid(c.relowner)::text from pg_class c "
                     + "join pg_class log on log.relname = 'databasechangelog' and log.relnamespace = c.relnamespace "
                     + "and log.relowner = c.relowner "
                     + "where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p', 'S', 'v', 'm') "
                     + "and not pg_has_role(current_user, c.relowner, 'USAGE') order by c.relname")) {
            while (rs.next()) {
                others.add(rs.getString(1));
                otherOwner = rs.getString(2);
            }
        }
        if (!others.isEmpty()) {
            throw new DatabaseUnfit("Strata does not start: " + others.size() + (others.size() == 1 ? " table, view or sequence" : " tables, views and sequences")
                    + " in the schema '" + schema + "' of " + where + " belong to another role (" + ident(otherOwner) + ", e.g. "
                    + String.join(", ", others.subList(0, Math.min(3, others.size())))
                    + "): Strata must own its tables (its runs create and attach partitions, its imports rebuild indexes), as "
                    + "after a restore made by another role.",
                    "Give them to Strata's role, as their owner or a superuser, in psql on that database (typed or from a file: "
                            + "\\gexec does not work with psql -c): " + giveAway(schema, otherOwner, user) + " Or restore with "
                            + "'pg_restore --no-owner --role=" + user + "'; then start Strata again.");
        }
        if (pool != null) {
            transactionPooling(connection, pool).ifPresent(seen -> {
                throw new DatabaseUnfit("Strata does not start: " + where + " is reached through a connection pooler in "
                        + "transaction mode (" + seen + "). Strata holds session-level advisory locks, temporary tables and "
                        + "settings on its connections, which such a pooler hands to other clients between transactions.",
                        "Set the pooler to session mode (PgBouncer: pool_mode = session, for Strata's database or user) or point "
                                + "STRATA_DB_URL at the server itself; then start Strata again.");
            });
        }
    }

    /**
     * A pooler in transaction mode gives a client's statements whichever server session is free; a session of its own
     * (the server, or a pooler in session mode) keeps one backend for as long as the connection. Seen when the backend
     * of {@code first} changes while another connection of the pool holds a transaction open, or when that transaction
     * runs on the backend {@code first} just used. Never seen on a session of its own: two connections never share a
     * backend there.
     */
    static Optional<String> transactionPooling(Connection first, DataSource pool) throws SQLException {
        int before = backend(first);
        try (Connection second = pool.getConnection()) {
            if (sameClient(first, second)) {
                // a data source of one connection (a test's SingleConnectionDataSource): one session, no pooler to tell
                return Optional.empty();
            }
            boolean autoCommit = second.getAutoCommit();
            second.setAutoCommit(false);
            try {
                int held = backend(second);
                int after = backend(first);
                if (held == before) {
                    return Optional.of("two connections ran on one server session, " + before);
                }
                if (after != before) {
                    return Optional.of("one connection's statements ran on the server sessions " + before + " and " + after);
                }
                return Optional.empty();
            } finally {
                second.rollback();
                second.setAutoCommit(autoCommit);
            }
        }
    }

    /** Whether both are the same connection of the driver (a pooler's two connections are two of the driver's). */
    private static boolean sameClient(Connection first, Connection second) throws SQLException {
        if (first.isWrapperFor(PGConnection.class) && second.isWrapperFor(PGConnection.class)) {
            return first.unwrap(PGConnection.class) == second.unwrap(PGConnection.class);
        }
        return first == second;
    }

    private static int backend(Connection connection) throws SQLException {
        try (Statement sql = connection.createStatement(); ResultSet rs = sql.executeQuery("select pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /**
     * A psql statement that gives Strata's role every table, partition, view and sequence of {@code owner} in the schema
     * (sequences of a column go with their table, so they are left out: altering them alone is refused).
     */
    static String giveAway(String schema, String owner, String user) {
        return "select format('alter %s %I.%I owner to " + ident(user) + ";', case c.relkind when 'v' then 'view' when 'm' then "
                + "'materialized view' when 'S' then 'sequence' else 'table' end, n.nspname, c.relname) from pg_class c join "
                + "pg_namespace n on n.oid = c.relnamespace where n.nspname = '" + schema.replace("'", "''") + "' and c.relkind in "
                + "('r', 'p', 'v', 'm', 'S') and c.relowner = '" + ident(owner).replace("'", "''") + "'::regrole and not (c.relkind = 'S' "
                + "and exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype "
                + "in ('a', 'i'))) \\gexec";
    }

    private static String ident(String name) {
        return name != null && name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + String.valueOf(name).replace("\"", "\"\"") + "\"";
    }

    /** Spring Boot's report of a start refused so (META-INF/spring.factories); Strata stops with exit status 1. */
    public static final class Analyzer extends AbstractFailureAnalyzer<DatabaseUnfit> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, DatabaseUnfit cause) {
            return new FailureAnalysis(cause.getMessage(), cause.how() + " Strata stops with exit status 1.", cause);
        }
    }
}
