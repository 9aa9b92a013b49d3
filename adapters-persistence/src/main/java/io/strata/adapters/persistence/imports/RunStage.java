package io.strata.adapters.persistence.imports;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The summaries of an import's line runs, copied while the lines stream, on a connection of its own, into an unlogged
 * table of their own ({@code import_runs_<n>}). The import's connection is busy with the lines' COPY, and the runs used
 * to wait in a file until the last line and then be copied on it (1.5–1.8 s per million orders, with the second core
 * idle); now a second server process takes them in while the first takes the lines.
 *
 * <p>Nothing here is visible to readers or part of the import's outcome: the table is committed as it is filled
 * (a temporary table would be private to this connection, and the import's transaction could not read it), the
 * import's transaction reads it as {@code stage_orders} ({@link OrderLineBatch}), and it is dropped when the import
 * ends, committed, rejected or failed. The orders themselves are still written by the import's one transaction.
 * A process killed mid-import cannot drop its table, so the connection holds a session advisory lock named after it
 * while it exists, and every new stage first drops the tables whose lock nobody holds ({@link #sweep}).
 */
final class RunStage implements AutoCloseable {

    /** Prefix of the runs' tables; the rest of the name is the number of the advisory lock that guards it. */
    static final String TABLE_PREFIX = "import_runs_";

    /** The first key of the two-part advisory locks of run stages ('RS'): apart from every other lock of Strata. */
    private static final int LOCK_CLASS = 0x5253;

    private static final String COLUMNS = "(order_key bigint, order_id text collate \"C\", customer_id text collate \"C\", "
            + "ordered_at timestamptz, total numeric(38,4), line_count integer, first_line bigint, repeated boolean, "
            + "left_out boolean, ordered_at_text text, categories text[], line_digest uuid, category_mask bigint)";

    /** Suffix of the table of the purchase facts computed from the stage ({@link #computeFacts}). */
    static final String FACTS_SUFFIX = "_facts";

    private final Connection connection;
    private final String table;
    private final CopyStream rows;
    private final CategoryBits categoryBits;
    private long staged;
    private boolean anyRepeated;

    RunStage(DataSource dataSource) {
        Connection opened = null;
        String name = null;
        CategoryBits bits;
        try {
            opened = dataSource.getConnection();
            opened.setAutoCommit(true);
            sweep(opened);
            int number = lockNewNumber(opened);
            name = TABLE_PREFIX + number;
            execute(opened, "create unlogged table " + name + " " + COLUMNS + " with (autovacuum_enabled = false)");
            bits = CategoryBits.load(opened);
            rows = new CopyStream(opened, "copy " + name + " from stdin");
        } catch (SQLException e) {
            if (opened != null) {
                dropAndClose(opened, name);
            }
            throw new IllegalStateException("could not open the stage of the import's orders: " + e.getMessage(), e);
        }
        this.connection = opened;
        this.table = name;
        this.categoryBits = bits;
    }

    /** A fresh positive number whose advisory lock this connection now holds for the life of its table. */
    private static int lockNewNumber(Connection connection) throws SQLException {
        while (true) {
            int number = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
            if (tryLock(connection, number)) {
                return number;
            }
        }
    }

    private static boolean tryLock(Connection connection, int number) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, number);
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Drops the runs' tables left by imports whose process died (a table whose lock nobody holds: a live stage takes
     * its lock before it creates its table and drops the table before letting go). Answers how many it dropped.
     */
    static int sweep(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "select c.relname from pg_class c where c.relkind = 'r' and c.relname like ? and c.relnamespace = current_schema()::regnamespace")) {
            statement.setString(1, TABLE_PREFIX.replace("_", "\\_") + "%");
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
        }
        int dropped = 0;
        for (String name : tables) {
            int number;
            String suffix = name.substring(TABLE_PREFIX.length());
            if (suffix.endsWith(FACTS_SUFFIX)) {
                suffix = suffix.substring(0, suffix.length() - FACTS_SUFFIX.length());
            }
            try {
                number = Integer.parseInt(suffix);
            } catch (NumberFormatException e) {
                continue; // not one of ours
            }
            if (tryLock(connection, number)) {
                execute(connection, "drop table if exists " + name);
                unlock(connection, number);
                dropped++;
            }
        }
        return dropped;
    }

    private static void unlock(Connection connection, int number) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setInt(2, number);
            lock.execute();
        }
    }

    /** One run (or marker) as a row of the stage. */
    void add(LineRuns.Run run) {
        try {
            (run.leftOut() ? rows.field((String) null) : rows.field(run.key())).field(run.orderId()).field(run.customerId())
                    .field(run.orderedAt()).field(run.total()).field(run.lines()).field(run.firstLine())
                    .field(run.repeated() ? "t" : "f").field(run.leftOut() ? "t" : "f").field(run.orderedAtText())
                    .field(run.categoriesLiteral());
            if (run.leftOut()) {
                rows.field((String) null);
            } else {
                rows.field(run.digestHigh(), run.digestLow());
            }
            Long mask = categoryBits.maskOf(run.categories());
            if (mask == null) {
                rows.field((String) null);
            } else {
                rows.field(mask.longValue());
            }
            rows.endRow();
            staged++;
            anyRepeated |= run.repeated();
        } catch (SQLException e) {
            throw new IllegalStateException("could not stage an order: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the COPY (committing the rows, on this connection only) and gives the planner a rough idea of them (row
     * count and a small sample), which the import's check and merge need; answers the table's name.
     */
    String finish() throws SQLException {
        rows.finish();
        execute(connection, "set default_statistics_target = 10");
        execute(connection, "analyze " + table);
        execute(connection, "reset default_statistics_target");
        return table;
    }

    /**
     * The purchase facts of the staged orders as a first load would store them, by {@code customer_id}, computed on
     * this connection into an unlogged table of its own ({@code import_runs_<n>_facts}) while the import's connection
     * inserts the orders: the second server process takes the aggregation (a sort of every order by customer and day)
     * off the import's one. Only valid when the stage holds exactly the orders the import inserts into an empty
     * {@code orders}, empty from the start or once the import deleted every stored order it replaces (no order of
     * several runs rewritten, none left out, none kept); the import decides that ({@link OrderMerge}).
     * Call after {@link #finish}; answers the table's name.
     */
    String computeFacts(String workMem) throws SQLException {
        String name = table + FACTS_SUFFIX;
        execute(connection, "set work_mem = '" + workMem + "'");
        try {
            // sorted, not hashed, as PurchaseFacts does
            execute(connection, "set enable_hashagg = off");
            execute(connection, "create unlogged table " + name + " (customer_id, frequency, monetary, first_bought_at, last_bought_at, purchase_days, "
                    + "repeat_total) with (autovacuum_enabled = false) as "
                    + PurchaseFacts.factsByCustomerId(table));
        } finally {
            // session settings: the connection goes back to the pool, whether the facts were computed or not
            execute(connection, "reset enable_hashagg");
            execute(connection, "reset work_mem");
        }
        return name;
    }

    /**
     * The latest time of the staged orders (markers of left-out orders aside), read on this connection while the
     * import's connection works, for the purchase facts' horizon; null when nothing was staged. Equal to the latest
     * time of the orders the import writes only when the stage holds exactly them; the import decides that
     * ({@link OrderMerge}). Call after {@link #finish}.
     */
    OffsetDateTime latestOrderedAt() throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select max(ordered_at) from " + table + " where not left_out")) {
            rs.next();
            return rs.getObject(1, OffsetDateTime.class);
        }
    }

    /** The bits of the staged orders' categories, to be stored by the merge ({@link CategoryBits#record}). */
    CategoryBits categoryBits() {
        return categoryBits;
    }

    /** The rows staged so far. */
    long rows() {
        return staged;
    }

    /** Whether a run was staged as possibly repeating an order (or as a marker): only then is there a check. */
    boolean anyRepeated() {
        return anyRepeated;
    }

    /**
     * Drops the table and returns the connection. Call after the import's transaction has ended: it holds a share lock
     * on the table it read until then, and the drop would wait for it.
     */
    @Override
    public void close() {
        rows.close();
        dropAndClose(connection, table);
    }

    private static void dropAndClose(Connection connection, String table) {
        try {
            if (table != null) {
                try {
                    execute(connection, "drop table if exists " + table + FACTS_SUFFIX);
                    execute(connection, "drop table if exists " + table + " cascade");
                } finally {
                    // even if the drop failed: the next import's sweep can then drop the table
                    unlock(connection, Integer.parseInt(table.substring(TABLE_PREFIX.length())));
                }
            }
        } catch (SQLException ignored) {
            // a broken connection ends its session and with it the lock; the next import's sweep drops the table
        } finally {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
