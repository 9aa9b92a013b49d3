package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;

/**
 * Keeps {@code customer_purchase_facts} equal to an aggregation of {@code orders}, inside the orders import's
 * transaction and after its orders are written. The facts of a customer are computed again from all of the
 * customer's orders (never added up from the import alone), so replaced orders, orders that moved to another
 * customer and left-out orders need no bookkeeping of their own.
 */
public final class PurchaseFacts {

    /**
     * The facts of the orders {@code source} gives (customer_key, total, ordered_at), grouped by customer, in two
     * levels: first by customer and UTC day, then by customer, for what the predictions need besides the contract's
     * metrics (docs/predictions.md, "Conventions"): the number of purchase days (UTC days with an order above 0) and the
     * total of the purchase days after the first (the first day's positive total is carried by the minimum
     * (day, total) pair, so that no window over the days is needed). With the input sorted by customer and day, both
     * levels stream.
     */
    public static String factsOf(String source, String join) {
        return "select customer_key, sum(bought)::int, sum(monetary), min(first_at), max(last_at), count(*) filter (where bought > 0)::int, "
                + "coalesce(sum(spent) - (min(array[(day - date '2000-01-01')::numeric, spent]) filter (where bought > 0))[2], 0) "
                + "from (select o.customer_key, (o.ordered_at at time zone 'UTC')::date as day, count(*) filter (where o.total > 0) as bought, "
                + "sum(o.total) as monetary, sum(o.total) filter (where o.total > 0) as spent, "
                + "min(o.ordered_at) filter (where o.total > 0) as first_at, max(o.ordered_at) filter (where o.total > 0) as last_at "
                + "from " + source + " " + join + " group by 1, 2 order by 1, 2) d group by customer_key ";
    }

    /**
     * The facts of the staged runs {@code runsTable} (all of them orders, none a marker of a left-out order), by
     * {@code customer_id} instead of customer key: the same aggregation as {@link #factsOf}, for {@link RunStage#computeFacts}.
     */
    static String factsByCustomerId(String runsTable) {
        return factsOf(runsTable + " o where not o.left_out", "").replace("o.customer_key", "o.customer_id").replace("customer_key", "customer_id")
                + "order by customer_id";
    }

    /**
     * A first load's facts from a table {@link RunStage#computeFacts} made, joined with the customers (all of them
     * known by now: the orders' inserts created the missing ones); the caller dropped the facts' key and builds it after.
     */
    static void insertFromStage(Connection connection, String factsTable) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("insert into " + COLUMNS + "select c.customer_key, f.frequency, f.monetary, f.first_bought_at, f.last_bought_at, f.purchase_days, f.repeat_total from "
                    + factsTable + " f join customers c using (customer_id) order by c.customer_key");
        }
    }

    /** A first load's facts aggregated from all orders (the facts are empty, their key dropped). */
    static void insertFromOrders(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("set local enable_hashagg = off");
            statement.execute("insert into " + COLUMNS + factsOf("orders o", "") + "order by customer_key");
            statement.execute("reset enable_hashagg");
        }
    }

    private static final String COLUMNS = "customer_purchase_facts (customer_key, frequency, monetary, first_bought_at, last_bought_at, "
            + "purchase_days, repeat_total) ";

    private PurchaseFacts() {
    }

    /**
     * For an import large against the table: all facts again. A delete rather than a truncate: a run that took its
     * snapshot earlier must still see the old facts. The primary key is built after the rows, as for orders.
     *
     * <p>The plan is fixed to a sequential scan, a sort by customer and a streaming aggregate, measured at 3.4 s for
     * 2M orders. The planner's choices cost more here: a hash aggregate keeps a numeric sum per customer (400 MB,
     * 4.8 s with the insert), and an index-only scan of rows this transaction wrote visits the heap for each (4.2 s).
     */
    static void recomputeAll(Connection connection, DatabaseSettings.Tuning tuning) throws SQLException {
        BulkLoadIndexes indexes = BulkLoadIndexes.of(connection, "customer_purchase_facts", tuning);
        try (Statement statement = connection.createStatement()) {
            statement.execute("delete from customer_purchase_facts");
            indexes.drop(connection);
            for (String setting : PLAN_SETTINGS) {
                statement.execute("set local " + setting + " = off");
            }
            statement.execute("insert into " + COLUMNS + factsOf("orders o", "") + "order by customer_key");
            for (String setting : PLAN_SETTINGS) {
                statement.execute("reset " + setting);
            }
            indexes.rebuild(connection);
        }
    }

    /**
     * For the first load of orders into an empty {@code orders} (so no facts either): the orders of {@code insertOrders}
     * (an {@code insert into orders … select}) and their facts in one statement, the facts aggregated from the rows
     * the insert returns instead of from a scan of the whole table afterwards; answers how many orders it inserted.
     * Orders of customers it creates afterwards get theirs from a second such statement: a customer is in one of them only.
     * The caller drops the facts' key before and builds it after ({@link #recomputeAll} does the same); every merge
     * advances the horizon after the facts ({@link #advanceHorizonOf}, {@link #advanceHorizonTo}).
     */
    static long insertWithFacts(Connection connection, String insertOrders) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // sorted, not hashed: a numeric sum per customer in a hash table is the slower plan (see recomputeAll)
            statement.execute("set local enable_hashagg = off");
            long orders;
            try (var rs = statement.executeQuery("with inserted as (" + insertOrders + " returning customer_key, total, ordered_at), "
                    + "facts as (insert into " + COLUMNS + factsOf("inserted o", "") + "order by customer_key) "
                    + "select count(*) from inserted")) {
                rs.next();
                orders = rs.getLong(1);
            }
            statement.execute("reset enable_hashagg");
            return orders;
        }
    }

    /** The facts' horizon moved to the latest order of this import (read from {@code stage_orders}), if later. */
    static void advanceHorizonOf(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("update purchase_facts_horizon set latest_ordered_at = "
                    + "greatest(latest_ordered_at, (select max(ordered_at) from stage_orders))");
        }
    }

    /**
     * The facts' horizon moved to {@code latest}, if later: the latest order of this import, read from the stage on its
     * own connection while this one worked ({@link RunStage#latestOrderedAt}); null when the import has no order.
     */
    static void advanceHorizonTo(Connection connection, OffsetDateTime latest) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "update purchase_facts_horizon set latest_ordered_at = greatest(latest_ordered_at, ?::timestamptz)")) {
            statement.setObject(1, latest);
            statement.executeUpdate();
        }
    }

    private static final String[] PLAN_SETTINGS = {"enable_hashagg", "enable_indexscan", "enable_indexonlyscan", "enable_bitmapscan"};

    /**
     * For a small import: the facts of the customers it touched, the owners of its orders and of the orders it
     * replaced (temporary table {@code replaced_orders}, if {@code withReplaced}); returns how many customers that is
     * (each a deleted and an inserted row of the facts).
     */
    static long recomputeTouched(Connection connection, boolean withReplaced) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            long touched = statement.executeLargeUpdate("create temp table touched_customers on commit drop as "
                    + "select distinct o.customer_key from stage_orders s join orders o using (order_key)"
                    + (withReplaced ? " union select customer_key from replaced_orders" : ""));
            statement.execute("analyze touched_customers");
            statement.execute("delete from customer_purchase_facts f using touched_customers t where f.customer_key = t.customer_key");
            statement.execute("insert into " + COLUMNS + factsOf("orders o", "join touched_customers t on t.customer_key = o.customer_key"));
            return touched;
        }
    }
}
