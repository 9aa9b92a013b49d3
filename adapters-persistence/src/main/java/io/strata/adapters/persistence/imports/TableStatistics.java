package io.strata.adapters.persistence.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Column statistics made current inside an import's transaction, so they commit with its rows. Without them the
 * first preview or run after a bulk load planned the lines of {@code count(orders where category = …)} with
 * PostgreSQL's guesses for a table it had never analysed and ran for more than eleven minutes, where the same
 * statement took seconds once autovacuum had analysed the table (issue 19, item 4).
 *
 * <p>A table is analysed when it has no column statistics at all, or when this import's changes together with those
 * not yet analysed pass the threshold autovacuum would analyse at (50 rows plus a tenth of the table): the statistics
 * then look as they would a minute later, and a small import into a large table pays nothing. ANALYZE reads a
 * sample (30,000 rows at the default target), so even 8M order lines take well under a second.
 */
final class TableStatistics {

    /** PostgreSQL's defaults of autovacuum_analyze_threshold and autovacuum_analyze_scale_factor. */
    static final long BASE_THRESHOLD = 50;
    static final double SCALE_FACTOR = 0.1;

    private TableStatistics() {
    }

    /**
     * Analyses {@code table} (a fixed name of the schema, never user input) if {@code changedRows} written by this
     * transaction make its statistics stale; returns whether it did.
     */
    static boolean refresh(Connection connection, String table, long changedRows) throws SQLException {
        if (changedRows <= 0 || !stale(connection, table, changedRows)) {
            return false;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("analyze " + table);
        }
        return true;
    }

    static boolean stale(Connection connection, String table, long changedRows) throws SQLException {
        // pg_stats rather than pg_statistic: readable without superuser rights on an external server
        try (PreparedStatement statement = connection.prepareStatement("""
                select not exists (select 1 from pg_stats s where s.schemaname = n.nspname and s.tablename = t.relname)
                    or coalesce(u.n_mod_since_analyze, 0) + ? > ? + ? * greatest(t.reltuples, 0)
                from pg_class t
                join pg_namespace n on n.oid = t.relnamespace
                left join pg_stat_user_tables u on u.relid = t.oid
                where t.oid = ?::regclass""")) {
            statement.setLong(1, changedRows);
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
