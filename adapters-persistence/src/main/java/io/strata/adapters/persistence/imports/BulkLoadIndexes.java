package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The indexes of a table as the catalogue defines them, primary key included, so that a bulk load can drop them and
 * build them again after the rows are in: one sort per index (with parallel workers) instead of millions of
 * insertions into live B-trees, each a descent, a page write and a WAL record. Inside the import's transaction the drop and the rebuild are atomic: a failed
 * import rolls back to the old indexes, a committed one has them all again.
 *
 * <p>Dropping an index takes an exclusive lock on the table until the transaction ends, so readers wait for the rest
 * of the import; {@link #worthRebuilding} keeps this to imports large against the table.
 * Indexes that a foreign key depends on stay (the primary key of {@code customers}, for one); so do the
 * constraints' guarantees: a unique or primary key constraint is added again as such, and a load that broke one
 * fails as it would have with the index live.
 */
final class BulkLoadIndexes {

    /** One index: how to drop it and how to create it again (a key constraint is dropped and added as such). */
    record Index(String name, String drop, String create) {
    }

    private final String table;
    private final List<Index> indexes;
    /** maintenance_work_mem for the builds, as PostgreSQL reads it. */
    private final String maintenanceWorkMem;

    private BulkLoadIndexes(String table, List<Index> indexes, String maintenanceWorkMem) {
        this.table = table;
        this.indexes = List.copyOf(indexes);
        this.maintenanceWorkMem = maintenanceWorkMem;
    }

    /**
     * Rebuilding costs about one sorted pass over all rows, old and new; inserting into live indexes costs a random
     * descent per new row, measured at five to seven times a row's share of a rebuild. A quarter is on the safe side.
     */
    static boolean worthRebuilding(long incomingRows, long existingRows) {
        return incomingRows > 0 && incomingRows >= existingRows / 4;
    }

    /** The table's row count as the planner knows it (exact after an index build or ANALYZE), or counted if never known. */
    static long estimatedRows(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select reltuples::bigint from pg_class where oid = ?::regclass")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long estimate = rs.getLong(1);
                if (estimate >= 0) {
                    return estimate;
                }
            }
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The table's indexes as they are now; {@code tuning} says how much memory their builds may take. */
    static BulkLoadIndexes of(Connection connection, String table, DatabaseSettings.Tuning tuning) throws SQLException {
        List<Index> indexes = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                select quote_ident(ic.relname), pg_get_indexdef(i.indexrelid), quote_ident(c.conname), pg_get_constraintdef(c.oid)
                from pg_index i
                join pg_class ic on ic.oid = i.indexrelid
                left join pg_constraint c on c.conindid = i.indexrelid and c.conrelid = i.indrelid and c.contype in ('p', 'u', 'x')
                where i.indrelid = ?::regclass
                  and not exists (select 1 from pg_constraint f where f.contype = 'f' and f.conindid = i.indexrelid)
                order by i.indisprimary desc, ic.relname""")) {
            statement.setString(1, table);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    String constraint = rs.getString(3);
                    indexes.add(constraint == null
                            ? new Index(rs.getString(1), "drop index " + rs.getString(1), rs.getString(2))
                            : new Index(rs.getString(1), "alter table " + table + " drop constraint " + constraint,
                            "alter table " + table + " add constraint " + constraint + " " + rs.getString(4)));
                }
            }
        }
        return new BulkLoadIndexes(table, indexes, DatabaseSettings.Tuning.setting(tuning.maintenanceWorkMem()));
    }

    List<Index> indexes() {
        return indexes;
    }

    void drop(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Index index : indexes) {
                statement.execute(index.drop());
            }
        }
    }

    /** Builds every index again, then refreshes the table's statistics for the statements that follow in the import. */
    void rebuild(Connection connection) throws SQLException {
        rebuild(connection, true);
    }

    /**
     * Builds every index again. An index build records the table's row count itself; {@code analyze} also refreshes
     * its column statistics. The sorts get {@code strata.db.tuning.maintenance-work-mem} (1 GB) for this transaction: building the key of 8M order lines took
     * 3.5 s with 256 MB (the parallel workers' share spills) and 2.7 s with 1 GB.
     */
    void rebuild(Connection connection, boolean analyze) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local maintenance_work_mem = '" + maintenanceWorkMem + "'");
            for (Index index : indexes) {
                statement.execute(index.create());
            }
            if (analyze) {
                statement.execute("analyze " + table);
            }
        }
    }
}
