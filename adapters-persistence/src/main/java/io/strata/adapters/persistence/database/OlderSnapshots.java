package io.strata.adapters.persistence.database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Whether anything still holds a snapshot older than a commit, looked at right before the VACUUM that follows that
 * commit (an import's tables, a run's partitions). While one is held, the committed rows are not yet visible to all:
 * the VACUUM may put none of their pages in the visibility map, yet it counts for autovacuum as its visit (the table's
 * count of rows inserted since its last vacuum goes back to 0), so autovacuum, which would come back for those pages,
 * then waits for more rows (session 54). Left unvacuumed, the table keeps that count and autovacuum visits it.
 *
 * <p>What PostgreSQL holds a VACUUM of an ordinary table back for, and so what is looked at: every session of the
 * same database (other databases' count only for shared catalogs) and every one of no database (a WAL sender's
 * standby feedback), by its snapshot's xmin and its transaction id; prepared transactions of the database; the xmin of
 * any replication slot. A VACUUM in progress elsewhere is left out, as PostgreSQL leaves its snapshot out. Something
 * holds the commit back when that id is at or before the commit's transaction id. Ids are 32 bits and wrap around, so
 * they are compared by their {@code age()}, which counts back from one point for the whole statement. A subtransaction
 * of the commit (a savepoint) has a later id: a session that began during the writing, dropped its snapshot and still
 * runs can hold those rows back unseen here; then the VACUUM marks less, as it did before this look.
 *
 * <p>An ordinary role (the owner of the application's database on an external server) sees {@code backend_xmin},
 * {@code backend_xid}, the role and the application name of every session, but the state, the transaction's start and
 * the statement only of its own role's sessions (PostgreSQL's pgstatfuncs.c; its documentation says only "many columns
 * will be null"): the look itself is the same for it, and the line naming the holder says what it was not shown.
 */
public final class OlderSnapshots {

    /** One parameter: the commit's transaction id (32 bits, as text). Answers the oldest holder, described, or nothing. */
    public static final String SQL = """
            with the_commit as (select cast(? as text)::xid as xid)
            select holder from (
              select case when a.state is null
                       then format('session %s of the role %s (application %L; PostgreSQL shows its state and statement'
                                   || ' only to that role, superusers and pg_read_all_stats)',
                                   a.pid, coalesce(a.usename::text, '?'), a.application_name)
                       else format('session %s (application %L, %s, its transaction open %s s, its statement: %s)', a.pid, a.application_name,
                                   a.state, round(extract(epoch from clock_timestamp() - a.xact_start)::numeric, 1),
                                   left(regexp_replace(a.query, '\\s+', ' ', 'g'), 80))
                     end as holder,
                     greatest(age(a.backend_xmin), age(a.backend_xid)) as held
              from pg_stat_activity a, the_commit c
              where a.pid <> pg_backend_pid()
                and (a.datid is null or a.datname = current_database())
                and (age(a.backend_xmin) >= age(c.xid) or age(a.backend_xid) >= age(c.xid))
                and a.pid not in (select pid from pg_stat_progress_vacuum)
              union all
              select format('prepared transaction %L of the role %s, prepared %s s ago', p.gid, p.owner,
                            round(extract(epoch from clock_timestamp() - p.prepared)::numeric, 1)), age(p.transaction)
              from pg_prepared_xacts p, the_commit c
              where p.database = current_database() and age(p.transaction) >= age(c.xid)
              union all
              select format('replication slot %s', s.slot_name), age(s.xmin)
              from pg_replication_slots s, the_commit c
              where age(s.xmin) >= age(c.xid)
            ) holders
            order by held desc
            limit 1""";

    /** What a transaction that wrote rows reads before its commit, to look at {@link #SQL} after it. */
    public static final String TRANSACTION_ID = "select pg_current_xact_id()::xid::text";

    private OlderSnapshots() {
    }

    /** The oldest holder of a snapshot older than the commit of {@code transactionId}, described for the log. */
    public static Optional<String> holder(Connection connection, String transactionId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SQL)) {
            statement.setString(1, transactionId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
