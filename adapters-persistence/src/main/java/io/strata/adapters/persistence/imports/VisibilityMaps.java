package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.CommitsFlushed;
import io.strata.adapters.persistence.database.OlderSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables an import wrote many rows into, vacuumed right after its commit, before the answer (issue 19 item 4).
 * PostgreSQL's visibility map says which heap pages hold only rows every transaction sees; only VACUUM sets it, and
 * rows just written are on pages outside it. A preview's index-only probes (a member's orders by
 * {@code orders_customer_idx}, which carries the category masks; events by their index) then read a heap page for every
 * entry outside the map, and the first reader of each freshly written page also sets its rows' hint bits and writes it:
 * right after a bulk load the first previews were up to twice as slow as after autovacuum's visit, a minute or more
 * later (docs/benchmarks.md, session 36). So the import does at once what autovacuum would do later.
 *
 * <p>A table is vacuumed when the rows this import wrote (inserted, deleted, an update counting once) pass the
 * threshold at which autovacuum vacuums a table after inserts (1,000 rows plus a fifth of the table); a small nightly
 * delta leaves its few pages to autovacuum. {@code VACUUM} runs on the import's connection with autocommit, since it
 * cannot run inside a transaction and rows are visible to all only once committed; {@code SKIP_LOCKED}, so that it
 * never waits for another import's bulk load (which vacuums after its own commit). It needs no superuser: the table's
 * owner, the application's user, may vacuum it. Before the first vacuum the import's commit is flushed to the WAL
 * ({@link CommitsFlushed}): with asynchronous commits a vacuum right after it marked nothing. The import is committed before: a vacuum that fails is logged and the
 * import's answer stays as it is (autovacuum will come later).
 *
 * <p>While a session of the database holds a snapshot older than the commit ({@link OlderSnapshots}), the tables are
 * left to autovacuum, with one line in the log naming that session: such a VACUUM would put none of the new pages in
 * the map, yet reset autovacuum's count of the new rows, and autovacuum would not come back for them until more rows
 * were written. The import does not wait for the holder to end: it would answer later for as long as a run, a report
 * or a forgotten open transaction lasts, for reads the map only makes faster.
 */
final class VisibilityMaps {

    private static final Logger log = LoggerFactory.getLogger(VisibilityMaps.class);

    /** PostgreSQL's defaults of autovacuum_vacuum_insert_threshold and autovacuum_vacuum_insert_scale_factor. */
    static final long BASE_THRESHOLD = 1000;
    static final double SCALE_FACTOR = 0.2;

    /** Rows written per table (a fixed name of the schema, never user input); {@link #ALL} when it was written anew. */
    private final Map<String, Long> written = new LinkedHashMap<>();
    private static final long ALL = Long.MAX_VALUE;
    /** The import's transaction id, read before its commit; null if it wrote nothing worth a look. */
    private String transactionId;

    /** Notes {@code rows} written into {@code table} by the import's transaction. */
    void wrote(String table, long rows) {
        if (rows > 0) {
            written.merge(table, rows, (a, b) -> a == ALL || b == ALL ? ALL : a + b);
        }
    }

    /** Notes that the import's transaction wrote every row of {@code table} anew (a bulk load's recomputation). */
    void wroteAll(String table) {
        written.put(table, ALL);
    }

    /**
     * Last thing inside the import's transaction: its id, so that after the commit {@link #fill} can tell a snapshot
     * older than the commit (one that does not see the import) from a later one.
     */
    void beforeCommit(Connection connection) throws SQLException {
        if (!written.isEmpty()) {
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(OlderSnapshots.TRANSACTION_ID)) {
                rs.next();
                transactionId = rs.getString(1);
            }
        }
    }

    /**
     * After the commit: vacuums each table whose written rows pass the threshold, unless a snapshot older than the
     * commit is still held; answers the tables vacuumed. Never throws: the import is committed already.
     */
    List<String> fill(Connection connection) {
        List<String> due = new ArrayList<>();
        for (Map.Entry<String, Long> table : written.entrySet()) {
            try {
                connection.setAutoCommit(true);
                if (due(connection, table.getKey(), table.getValue())) {
                    due.add(table.getKey());
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("the import is committed, but vacuuming {} after it failed (autovacuum will do it later): {}",
                        table.getKey(), e.getMessage());
            }
        }
        if (due.isEmpty()) {
            return List.of();
        }
        Optional<String> holder = olderSnapshot(connection);
        if (holder.isPresent()) {
            // not WARN: nothing is wrong, the first reads of those pages are slower until autovacuum's visit
            log.info("the import is committed; {} left to autovacuum, since {} holds a snapshot older than the import's commit:"
                    + " a vacuum now would put none of the new pages in the visibility map and would reset autovacuum's count"
                    + " of the new rows", String.join(", ", due), holder.get());
            return List.of();
        }
        List<String> vacuumed = new ArrayList<>();
        boolean flushed = false;
        for (String table : due) {
            try (Statement statement = connection.createStatement()) {
                if (!flushed) {
                    // the import's commit flushed, or with asynchronous commits the vacuum marks nothing
                    statement.execute(CommitsFlushed.SQL);
                    flushed = true;
                }
                statement.execute("vacuum (skip_locked) " + table);
                vacuumed.add(table);
            } catch (SQLException | RuntimeException e) {
                log.warn("the import is committed, but vacuuming {} after it failed (autovacuum will do it later): {}",
                        table, e.getMessage());
            }
        }
        return vacuumed;
    }

    /** Nothing when the import's id was not read (a caller that never said it commits) or the look failed: vacuumed as before. */
    private Optional<String> olderSnapshot(Connection connection) {
        if (transactionId == null) {
            return Optional.empty();
        }
        try {
            return OlderSnapshots.holder(connection, transactionId);
        } catch (SQLException | RuntimeException e) {
            log.warn("the import is committed, but looking for a snapshot older than its commit failed (its tables are"
                    + " vacuumed all the same): {}", e.getMessage());
            return Optional.empty();
        }
    }

    static boolean due(Connection connection, String table, long rows) throws SQLException {
        if (rows == ALL) {
            return true;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select ? >= ? + ? * greatest(reltuples, 0) from pg_class where oid = ?::regclass")) {
            statement.setLong(1, rows);
            statement.setLong(2, BASE_THRESHOLD);
            statement.setDouble(3, SCALE_FACTOR);
            statement.setString(4, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
