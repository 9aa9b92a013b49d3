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
    private static final String INSERT_ORDERS = "insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count, categories, line_digest) "
            + "select s.order_key, s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count, s.categories, s.line_digest "
            + "from stage_orders s join customers c using (customer_id) ";

    /**
     * The staged orders whose order_id is stored, each with the stored order's key and owner ({@code old_key},
     * {@code old_customer}), its own key ({@code new_key}), line count, and whether it is kept as stored ({@code kept}).
     */
    static final String MATCHED = "matched_orders";

    /**
     * The stored orders the stage replaces, updated in place to the staged ones (kept orders are not in the view
     * stage_orders); idempotent, so that it can run again after creating missing customers: an updated row has the
     * staged order's key, and staged keys are new.
     */
    private static final String UPDATE_ORDERS = "update orders o set order_key = s.order_key, customer_key = c.customer_key, "
            + "ordered_at = s.ordered_at, total = s.total, line_count = s.line_count, categories = s.categories, line_digest = s.line_digest "
            + "from stage_orders s join customers c using (customer_id) where o.order_id = s.order_id and o.order_key <> s.order_key";

    private OrderMerge() {
    }

    /**
     * Pairs the staged orders with the stored orders of the same order_id into {@link #MATCHED}, in one join; with
     * {@code digests}, an order whose customer, time, total, line count and lines' digest are the stored ones is marked
     * kept. Answers the kept orders, their lines, and the paired orders not kept (to be replaced).
     */
    private static long[] matchOrders(Connection connection, boolean digests) throws SQLException {
        update(connection, "create temp table " + MATCHED + " on commit drop as select s.order_key as new_key, o.order_key as old_key, "
                + "o.customer_key as old_customer, s.line_count, "
                + (digests ? "coalesce(o.customer_key = c.customer_key and o.line_digest = s.line_digest and o.ordered_at = s.ordered_at "
                + "and o.total = s.total and o.line_count = s.line_count, false)" : "false")
                + " as kept from stage_orders s join orders o on o.order_id = s.order_id left join customers c on c.customer_id = s.customer_id");
        update(connection, "analyze " + MATCHED);
        try (var statement = connection.createStatement();
             var rs = statement.executeQuery("select count(*) filter (where kept), coalesce(sum(line_count) filter (where kept), 0), "
                     + "count(*) filter (where not kept) from " + MATCHED)) {
            rs.next();
            return new long[]{rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    /** Creates the customers the staged orders name and Strata does not know yet; answers how many. */
    private static long createMissingCustomers(Connection connection) throws SQLException {
        return update(connection, "insert into customers (customer_id) select distinct customer_id from stage_orders s "
                + "where not exists (select 1 from customers c where c.customer_id = s.customer_id) order by 1 on conflict (customer_id) do nothing");
    }

    /**
     * The purchase facts of the staged orders computed beside the merge on the stage's connection
     * ({@link RunStage#computeFacts}), offered only when the stage holds exactly the orders the merge inserts; waits for
     * them and answers their table, or null if computing them failed.
     */
    @FunctionalInterface
    interface StageFacts {
        String table();
    }

    /**
     * Merges {@code incoming} staged orders standing for {@code lines} lines (counted while spooling and checking, so
     * the staged orders need not be read again for them); {@code holdsBulkLoadTables} when the import took the tables
     * already at a pause of its COPY; {@code stagedLines} the table the lines wait in when orders were stored (else
     * null), {@code runsTable} the table the view {@code stage_orders} reads.
     */
    static MergeOutcome merge(Connection connection, DatabaseSettings.Tuning tuning, long lines, long incoming, boolean holdsBulkLoadTables,
                              String stagedLines, String runsTable, StageFacts stageFacts) throws SQLException {
        Statements.useWorkMem(connection, tuning);
        long kept = 0;
        long keptLines = 0;
        // staged orders whose order_id is stored (replaced in place, or kept), once known: see matchOrders
        long replacing = -1;
        if (stagedLines != null) {
            // orders the file leaves as they are stored (same customer, time, total, line count and lines' digest) are
            // kept: nothing of them is deleted or written, their lines go nowhere, their facts stand. They are found in
            // the one join that also pairs every other staged order with the stored one it replaces (matched_orders);
            // the view stage_orders is then redefined without the kept ones: the stage itself is not written (deleting
            // them from it cost 6-7 s per million kept orders, and left the dead rows to every later scan of the stage)
            long[] matched = matchOrders(connection, true);
            kept = matched[0];
            keptLines = matched[1];
            replacing = matched[2];
            incoming -= kept;
            if (kept > 0) {
                update(connection, "create or replace temp view stage_orders as select r.* from " + runsTable + " r "
                        + (incoming == 0 ? "where false" : "where not exists (select 1 from " + MATCHED + " k where k.new_key = r.order_key and k.kept)"));
            }
        }
        long newLines = lines - keptLines;
        boolean bulk = BulkLoadIndexes.worthRebuilding(incoming, BulkLoadIndexes.estimatedRows(connection, "orders"));
        boolean bulkLines = stagedLines != null && newLines > 0
                && BulkLoadIndexes.worthRebuilding(newLines, BulkLoadIndexes.estimatedRows(connection, "order_lines"));
        if ((bulk || bulkLines) && !holdsBulkLoadTables) {
            // before any write, and all at once: see ExclusiveLocks
            ExclusiveLocks.takeAll(connection, bulkLines ? List.of("order_lines", "orders", "customer_purchase_facts")
                    : List.of("orders", "customer_purchase_facts"));
        }
        boolean firstLoad = count(connection, "select count(*) from (select 1 from orders limit 1) o") == 0;
        if (firstLoad) {
            replacing = 0;
        } else if (replacing < 0) {
            // the lines went straight into order_lines (orders were empty as the import began, and are not now): no
            // order is kept, as its staged lines are in already
            replacing = matchOrders(connection, false)[2];
        }
        long deletedLines = 0;
        if (replacing > 0) {
            // a replaced order's row is updated in place (session 32: one pass over orders instead of a delete and an
            // insert, each with its own join, 6.5 s and 6.9 s of a re-import of 1M one-line orders under load); it takes
            // the staged order's key, under which its new lines are staged, and its old lines go by its old key
            deletedLines = update(connection, "delete from order_lines l using " + MATCHED + " m where l.order_key = m.old_key and not m.kept");
        }
        if (stagedLines != null && newLines > 0) {
            insertStagedLines(connection, tuning, stagedLines, kept > 0, bulkLines);
        }
        BulkLoadIndexes indexes = bulk ? BulkLoadIndexes.of(connection, "orders", tuning) : null;
        if (bulk) {
            indexes.drop(connection);
        }
        // a first bulk load computes the purchase facts in the statements that insert the orders (the facts of an empty
        // orders table are empty, and every customer's orders are in one of the two inserts below)
        BulkLoadIndexes factIndexes = null;
        if (bulk && firstLoad) {
            factIndexes = BulkLoadIndexes.of(connection, "customer_purchase_facts", tuning);
            update(connection, "delete from customer_purchase_facts");
            factIndexes.drop(connection);
        }
        boolean withFacts = factIndexes != null;
        // a first load whose facts the stage's connection computes meanwhile (on the second core): the orders are
        // inserted alone and the facts copied in after them, joined with the customers by id
        boolean factsBeside = withFacts && stageFacts != null;
        long createdCustomers = 0;
        long updated = 0;
        if (replacing > 0) {
            updated = update(connection, UPDATE_ORDERS);
            if (updated < replacing) {
                // an order moved to a customer Strata does not know yet: the customer is created, the rest updated
                createdCustomers += createMissingCustomers(connection);
                updated += update(connection, UPDATE_ORDERS);
            }
            if (updated != replacing) {
                // every staged order_id is one row of the stage (orders of several runs were joined by the check), so
                // each pairs with one stored order: anything else is a fault of the import, never of its input
                throw new IllegalStateException("the import paired " + replacing + " staged orders with stored ones but replaced "
                        + updated + "; nothing was written");
            }
        }
        long orders = 0;
        if (incoming - replacing > 0) {
            // no sort: stage_orders is in key order already (runs are spooled as keys are taken), and the hash join
            // with customers as its inner side keeps that order
            orders = insertOrders(connection, INSERT_ORDERS + (replacing > 0
                    ? "where not exists (select 1 from " + MATCHED + " m where m.new_key = s.order_key)" : ""), withFacts && !factsBeside);
            if (orders < incoming - replacing) {
                // a customer the import names but Strata does not know yet is created; that is the exception, so only
                // then are the staged orders compared with the customers a second time
                createdCustomers += createMissingCustomers(connection);
                orders += insertOrders(connection, INSERT_ORDERS + "where not exists (select 1 from orders o where o.order_key = s.order_key)",
                        withFacts && !factsBeside);
            }
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
            PurchaseFacts.advanceHorizonOf(connection);
        } else if (bulk) {
            indexes.rebuild(connection);
            PurchaseFacts.recomputeAll(connection, tuning);
        } else {
            long touched = PurchaseFacts.recomputeTouched(connection, updated > 0 ? MATCHED : null);
            // an order updated in place counts once, as for autovacuum
            TableStatistics.refresh(connection, "orders", orders + updated);
            TableStatistics.refresh(connection, "customer_purchase_facts", 2 * touched);
        }
        return new MergeOutcome(lines, orders, updated + kept);
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
                + (anyKept ? " where not exists (select 1 from " + MATCHED + " k where k.new_key = l.order_key and k.kept)" : ""));
        if (bulk) {
            lineIndexes.rebuild(connection, false);
        }
    }

    private static long insertOrders(Connection connection, String insert, boolean withFacts) throws SQLException {
        return withFacts ? PurchaseFacts.insertWithFacts(connection, insert) : update(connection, insert);
    }
}
