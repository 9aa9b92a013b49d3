package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.imports.MergeOutcome;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import static io.strata.adapters.persistence.imports.Statements.count;
import static io.strata.adapters.persistence.imports.Statements.update;

/**
 * The merge of checked staged orders: an order imported again replaces the stored one with all its lines; then
 * {@link PurchaseFacts} are brought up to date. An import large against {@code orders} drops its indexes and builds
 * them again after the rows ({@link BulkLoadIndexes}).
 */
final class OrderMerge {

    /** The staged orders of known customers, as rows of {@code orders}; a condition and an order may follow. */
    private static String insertOrders(boolean withMasks) {
        return "insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest, category_mask) "
                + "select s.order_key, s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count, s.categories, s.line_digest, "
                + (withMasks ? "s.category_mask " : "null::bigint ") + "from stage_orders s join customers c using (customer_id) ";
    }

    private OrderMerge() {
    }

    /**
     * The purchase facts of the staged orders computed beside the merge on the stage's connection
     * ({@link RunStage#computeFacts}), offered only when the stage holds exactly the orders of the file (no order of
     * several runs rewritten, none left out). A first load starts them as soon as the stage is complete; a re-import
     * only once the merge sees that it may replace every stored order.
     */
    interface StageFacts {
        /** Starts computing them on the stage's connection, unless under way already. */
        void start();

        /** Waits for them and answers their table, or null if computing them failed. */
        String table();
    }

    /**
     * The latest time of the staged orders read on the stage's connection beside the merge
     * ({@link RunStage#latestOrderedAt}), offered only when the stage holds exactly the orders the merge writes or keeps;
     * waits for it and moves the facts' horizon to it, or answers false if reading it failed (the merge then reads
     * {@code stage_orders} itself).
     */
    @FunctionalInterface
    interface StageHorizon {
        boolean advance(Connection connection) throws SQLException;
    }

    /**
     * Merges {@code incoming} staged orders standing for {@code lines} lines (counted while spooling and checking, so
     * the staged orders need not be read again for them); {@code holdsBulkLoadTables} when the import took the tables
     * already at a pause of its COPY; {@code stagedLines} the table the lines wait in when orders were stored (else
     * null), {@code runsTable} the table the view {@code stage_orders} reads; {@code categoryBits} the bits the stage's category masks
     * were worked out with; {@code visibilityMaps} is told which tables the merge wrote and how much.
     */
    static MergeOutcome merge(Connection connection, DatabaseSettings.Tuning tuning, long lines, long incoming, boolean holdsBulkLoadTables,
                              String stagedLines, String runsTable, CategoryBits categoryBits, StageFacts stageFacts,
                              StageHorizon stageHorizon, VisibilityMaps visibilityMaps) throws SQLException {
        Statements.useWorkMem(connection, tuning);
        long kept = 0;
        long keptLines = 0;
        if (stagedLines != null) {
            // orders the file leaves as they are stored (same customer, time, total, line count and lines' digest) are
            // kept: nothing of them is deleted or written, their lines go nowhere, their facts stand. Their keys are
            // selected into kept_orders and the view stage_orders redefined without them; the stage itself is not
            // written (deleting them from it cost 6-7 s per million kept orders, and left the dead rows to every later
            // scan of the stage)
            update(connection, "create temp table kept_orders on commit drop as select s.order_key, s.line_count "
                    + "from stage_orders s join orders o on o.order_id = s.order_id join customers c on c.customer_key = o.customer_key "
                    + "where c.customer_id = s.customer_id and o.line_digest = s.line_digest "
                    + "and o.ordered_at = s.ordered_at and o.total = s.total and o.line_count = s.line_count");
            try (var statement = connection.createStatement();
                 var rs = statement.executeQuery("select count(*), coalesce(sum(line_count), 0) from kept_orders")) {
                rs.next();
                kept = rs.getLong(1);
                keptLines = rs.getLong(2);
            }
            incoming -= kept;
            if (kept > 0) {
                update(connection, "analyze kept_orders");
                update(connection, "create or replace temp view stage_orders as select r.* from " + runsTable + " r "
                        + (incoming == 0 ? "where false" : "where not exists (select 1 from kept_orders k where k.order_key = r.order_key)"));
            }
        }
        long newLines = lines - keptLines;
        long storedOrders = BulkLoadIndexes.estimatedRows(connection, "orders");
        boolean bulk = BulkLoadIndexes.worthRebuilding(incoming, storedOrders);
        boolean bulkLines = stagedLines != null && newLines > 0
                && BulkLoadIndexes.worthRebuilding(newLines, BulkLoadIndexes.estimatedRows(connection, "order_lines"));
        if ((bulk || bulkLines) && !holdsBulkLoadTables) {
            // before any write, and all at once: see ExclusiveLocks. Orders and facts are waited for, the lines only tried,
            // once those two are held (so no wait while holding one): an import waiting for the merge lock this one holds
            // may have streamed its lines into order_lines already (a first load, begun after an erasure emptied orders),
            // and waiting for order_lines here waited for it while it waited for this one, a deadlock that failed one of
            // the two (503). If anyone uses the lines now, they go in with their key live
            ExclusiveLocks.takeAll(connection, List.of("orders", "customer_purchase_facts"));
            if (bulkLines && !ExclusiveLocks.tryAll(connection, List.of("order_lines"))) {
                bulkLines = false;
            }
        }
        boolean firstLoad = ordersEmpty(connection);
        // a bulk re-import that keeps no stored order and stages about as many orders as are stored may replace every
        // one of them (a full export sent again with corrections): then, as in a first load, the orders written are
        // exactly the staged ones and so are their facts, which the stage's idle connection starts computing now, beside
        // the deletes. Whether it did replace them all is known only after the deletes (below); if not, the facts are
        // computed from the orders as before and these are left unused
        boolean mayReplaceAll = !firstLoad && bulk && kept == 0 && stageFacts != null && incoming >= storedOrders - storedOrders / 10;
        if (mayReplaceAll) {
            stageFacts.start();
        }
        long updated = 0;
        long deletedLines = 0;
        if (!firstLoad) {
            // a replaced order is deleted and inserted anew (its key changes anyway, its lines are in under the new one):
            // cheaper than an upsert per row, and safe because every write of orders happens under the merge lock. One
            // join finds and deletes them (it was a join to find them, then a second to delete them: 1.6 s of a
            // re-import of 1M one-line orders); their keys and owners are kept for their lines and purchase facts
            update(connection, "create temp table replaced_orders (order_key bigint, customer_key bigint) on commit drop");
            updated = update(connection, "with gone as (delete from orders o using stage_orders s where o.order_id = s.order_id "
                    + "returning o.order_key, o.customer_key) insert into replaced_orders select order_key, customer_key from gone");
            if (updated > 0) {
                update(connection, "analyze replaced_orders");
                deletedLines = update(connection, "delete from order_lines l using replaced_orders r where l.order_key = r.order_key");
            }
        }
        // every stored order replaced: orders is empty to this transaction now, and stays so for others until the commit
        // (a bulk merge holds orders exclusively, ExclusiveLocks); the facts are then those of the staged orders alone
        boolean replacedAll = mayReplaceAll && updated > 0 && ordersEmpty(connection);
        if (stagedLines != null && newLines > 0) {
            insertStagedLines(connection, tuning, stagedLines, kept > 0, bulkLines);
        }
        BulkLoadIndexes indexes = bulk ? BulkLoadIndexes.of(connection, "orders", tuning) : null;
        if (bulk) {
            indexes.drop(connection);
        }
        // a first bulk load computes the purchase facts in the statements that insert the orders (the facts of an empty
        // orders table are empty, and every customer's orders are in one of the two inserts below); so does a bulk
        // re-import that replaced every stored order (the old facts are deleted: no order of theirs is left)
        BulkLoadIndexes factIndexes = null;
        if (bulk && (firstLoad || replacedAll)) {
            factIndexes = BulkLoadIndexes.of(connection, "customer_purchase_facts", tuning);
            update(connection, "delete from customer_purchase_facts");
            factIndexes.drop(connection);
        }
        boolean withFacts = factIndexes != null;
        // a first load (or a replacement of every order) whose facts the stage's connection computes meanwhile (on the
        // second core): the orders are inserted alone and the facts copied in after them, joined with the customers by id
        boolean factsBeside = withFacts && stageFacts != null;
        if (factsBeside) {
            stageFacts.start();
        }
        // no sort: stage_orders is in key order already (runs are spooled as keys are taken), and the hash join
        // with customers as its inner side keeps that order
        // the staged masks are stored only if this import's new category bits are (CategoryBits)
        String insertOrders = insertOrders(categoryBits.record(connection));
        long orders = insertOrders(connection, insertOrders, withFacts && !factsBeside);
        long createdCustomers = 0;
        if (orders < incoming) {
            // a customer the import names but Strata does not know yet is created; that is the exception, so only
            // then are the staged orders compared with the customers a second time
            createdCustomers = update(connection, "insert into customers (customer_id) select distinct customer_id from stage_orders s "
                    + "where not exists (select 1 from customers c where c.customer_id = s.customer_id) order by 1 on conflict (customer_id) do nothing");
            orders += insertOrders(connection, insertOrders + "where not exists (select 1 from orders o where o.order_key = s.order_key)",
                    withFacts && !factsBeside);
        }
        if (factsBeside) {
            String factsTable = stageFacts.table();
            if (factsTable != null) {
                PurchaseFacts.insertFromStage(connection, factsTable);
            } else {
                PurchaseFacts.insertFromOrders(connection);
            }
        }
        // the lines' key was built without ANALYZE (crossRowCheck); orders and facts rebuilt in bulk are analysed already
        TableStatistics.refresh(connection, "order_lines", newLines + deletedLines);
        TableStatistics.refresh(connection, "customers", createdCustomers);
        if (withFacts) {
            indexes.rebuild(connection);
            factIndexes.rebuild(connection);
            visibilityMaps.wroteAll("customer_purchase_facts");
        } else if (bulk) {
            indexes.rebuild(connection);
            PurchaseFacts.recomputeAll(connection, tuning);
            visibilityMaps.wroteAll("customer_purchase_facts");
        } else {
            long touched = PurchaseFacts.recomputeTouched(connection, updated > 0);
            TableStatistics.refresh(connection, "orders", orders + updated);
            TableStatistics.refresh(connection, "customer_purchase_facts", 2 * touched);
            visibilityMaps.wrote("customer_purchase_facts", 2 * touched);
        }
        // the orders' map above all: a preview probes a member's orders index-only (orders_customer_idx carries the
        // category masks). Not order_lines: nothing reads its rows index-only, and it is the largest table to vacuum
        visibilityMaps.wrote("orders", orders + updated);
        visibilityMaps.wrote("customers", createdCustomers);
        // the latest time of the stage read by the stage's connection meanwhile (a scan of every staged order less on
        // this one); a kept order's time is stored, hence no later than the horizon, so the whole stage may be read
        if (stageHorizon == null || !stageHorizon.advance(connection)) {
            PurchaseFacts.advanceHorizonOf(connection);
        }
        return new MergeOutcome(lines, orders - updated, updated + kept);
    }

    /** Whether no order is visible to this transaction (it may have deleted them all). */
    private static boolean ordersEmpty(Connection connection) throws SQLException {
        return count(connection, "select count(*) from (select 1 from orders limit 1) o") == 0;
    }

    /**
     * The staged lines of the orders that changed or are new go into {@code order_lines} (in key order, as they were
     * staged); with {@code bulk}, its key is dropped before and built after, as for orders.
     */
    private static void insertStagedLines(Connection connection, DatabaseSettings.Tuning tuning, String stagedLines, boolean anyKept,
                                          boolean bulk) throws SQLException {
        BulkLoadIndexes lineIndexes = bulk ? BulkLoadIndexes.of(connection, "order_lines", tuning) : null;
        if (bulk) {
            lineIndexes.drop(connection);
        }
        update(connection, "insert into order_lines (order_key, line_no, amount, quantity, category, sku, channel) "
                + "select l.order_key, l.line_no, l.amount, l.quantity, l.category, l.sku, l.channel from " + stagedLines + " l"
                + (anyKept ? " where not exists (select 1 from kept_orders k where k.order_key = l.order_key)" : ""));
        if (bulk) {
            lineIndexes.rebuild(connection, false);
        }
    }

    private static long insertOrders(Connection connection, String insert, boolean withFacts) throws SQLException {
        return withFacts ? PurchaseFacts.insertWithFacts(connection, insert) : update(connection, insert);
    }
}
