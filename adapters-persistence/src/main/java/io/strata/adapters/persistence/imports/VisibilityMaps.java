package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.CommitsFlushed;
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
 */
final class VisibilityMaps {

    private static final Logger log = LoggerFactory.getLogger(VisibilityMaps.class);

    /** PostgreSQL's defaults of autovacuum_vacuum_insert_threshold and autovacuum_vacuum_insert_scale_factor. */
    static final long BASE_THRESHOLD = 1000;
    static final double SCALE_FACTOR = 0.2;

    /** Rows written per table (a fixed name of the schema, never user input); {@link #ALL} when it was written anew. */
    private final Map<String, Long> written = new LinkedHashMap<>();
    private static final long ALL = Long.MAX_VALUE;

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
     * After the commit: vacuums each table whose written rows pass the threshold; answers the tables vacuumed. Never
     * throws: the import is committed already.
     */
    List<String> fill(Connection connection) {
        List<String> vacuumed = new ArrayList<>();
        boolean flushed = false;
        for (Map.Entry<String, Long> table : written.entrySet()) {
            try {
                connection.setAutoCommit(true);
                if (due(connection, table.getKey(), table.getValue())) {
                    try (Statement statement = connection.createStatement()) {
                        if (!flushed) {
                            // the import's commit flushed, or with asynchronous commits the vacuum marks nothing
                            statement.execute(CommitsFlushed.SQL);
                            flushed = true;
                        }
                        statement.execute("vacuum (skip_locked) " + table.getKey());
                    }
                    vacuumed.add(table.getKey());
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("the import is committed, but vacuuming {} after it failed (autovacuum will do it later): {}",
                        table.getKey(), e.getMessage());
            }
        }
        return vacuumed;
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
