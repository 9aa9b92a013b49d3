package io.strata.adapters.persistence.imports;

import io.strata.application.imports.OrderLineRow;
import io.strata.application.imports.RowError;

import javax.sql.DataSource;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders: the order is the unit of upsert. Importing an order_id again replaces all its lines; the per-order
 * totals that segmentation reads are rebuilt for the orders touched, in the same transaction.
 *
 * <p>One aggregate over the staged lines gives each order's customer, time, total and line count and shows which
 * orders are inconsistent. Line numbers are counted while staging, per run of consecutive lines of one order; only
 * an order whose lines are scattered over the file is renumbered in SQL.
 */
final class OrderLineBatch extends StagedBatch<OrderLineRow> {

    private static final int MAX_CROSS_ROW_ERRORS = 100_000;

    private boolean checked;
    private long badOrders;
    private String previousOrder;
    private int lineNo;

    OrderLineBatch(DataSource dataSource) {
        super(dataSource,
                "create temp table stage_lines (line bigint, line_no integer, order_id text, customer_id text, "
                        + "ordered_at timestamptz, amount numeric(19,4), quantity numeric(19,4), category text, sku text, "
                        + "channel text, left_out boolean) on commit drop",
                "copy stage_lines (line, line_no, order_id, customer_id, ordered_at, amount, quantity, category, sku, channel, "
                        + "left_out) from stdin");
    }

    @Override
    protected void stage(CopyStream copy, OrderLineRow row) {
        lineNo = row.orderId().equals(previousOrder) ? lineNo + 1 : 1;
        previousOrder = row.orderId();
        copy.field(row.line()).field(lineNo).field(row.orderId()).field(row.customerId()).field(row.orderedAt())
                .field(row.amount()).field(row.quantity()).field(row.category()).field(row.sku()).field(row.channel()).field("f");
    }

    @Override
    public void leaveOut(String orderId) {
        addUncounted(copy -> copy.field(0).field(0).field(orderId).field(null).field(null).field(null).field(null)
                .field(null).field(null).field(null).field("t"));
    }

    /**
     * All lines of one order must name one customer and one ordered_at, and in lenient mode an order with an invalid
     * line is left out whole; otherwise every line of it is wrong.
     */
    @Override
    public List<RowError> crossRowErrors() {
        try {
            endStaging();
            update("set local work_mem = '256MB'");
            update("analyze stage_lines");
            update("create temp table staged_orders on commit drop as "
                    + "select order_id, min(customer_id collate \"C\") as customer_id, max(customer_id collate \"C\") as other_customer, "
                    + "min(ordered_at) as ordered_at, max(ordered_at) as last_ordered_at, sum(amount) as total, count(*) filter (where not left_out) as line_count, "
                    + "max(line_no) as max_line_no, bool_or(left_out) as left_out "
                    + "from stage_lines group by order_id");
            badOrders = update("create temp table bad_orders on commit drop as select * from staged_orders "
                    + "where left_out or customer_id <> other_customer or ordered_at <> last_ordered_at");
            checked = true;
            if (badOrders == 0) {
                return List.of();
            }
            List<RowError> errors = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select s.line, s.order_id, s.customer_id, s.ordered_at, b.customer_id, "
                         + "b.other_customer, b.left_out, b.ordered_at <> b.last_ordered_at "
                         + "from stage_lines s join bad_orders b using (order_id) where not s.left_out order by s.line limit "
                         + MAX_CROSS_ROW_ERRORS)) {
                while (rs.next()) {
                    String orderId = rs.getString(2);
                    if (!rs.getString(5).equals(rs.getString(6))) {
                        errors.add(new RowError(rs.getLong(1), "customer_id", rs.getString(3), "order " + orderId + " names customers "
                                + rs.getString(5) + " and " + rs.getString(6) + "; all lines of one order must name one customer"));
                    } else if (rs.getBoolean(8)) {
                        errors.add(new RowError(rs.getLong(1), "ordered_at", rs.getString(4), "order " + orderId
                                + " has lines with different ordered_at values; all lines of one order must have the same ordered_at"));
                    } else {
                        errors.add(new RowError(rs.getLong(1), "order_id", orderId, "order " + orderId
                                + " has an invalid line; an order is imported whole, so this line was left out too"));
                    }
                }
            }
            return errors;
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the orders: " + e.getMessage(), e);
        }
    }

    @Override
    protected MergeOutcome mergeStaged() throws SQLException {
        if (!checked) {
            crossRowErrors();
        }
        if (badOrders > 0) {
            update("delete from stage_lines where order_id in (select order_id from bad_orders)");
            update("delete from staged_orders where order_id in (select order_id from bad_orders)");
        }
        if (count("select count(*) from staged_orders where max_line_no <> line_count") > 0) {
            update("update stage_lines s set line_no = r.line_no from (select line, row_number() over (partition by order_id order by line) "
                + "as line_no from stage_lines where order_id in (select order_id from staged_orders where max_line_no <> line_count)) r "
                    + "where s.line = r.line");
        }
        update("insert into customers (customer_id) select distinct customer_id from staged_orders s "
                + "where not exists (select 1 from customers c where c.customer_id = s.customer_id) order by 1 on conflict (customer_id) do nothing");
        update("create temp table merge_orders on commit drop as "
                + "select s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count "
                + "from staged_orders s join customers c on c.customer_id = s.customer_id");
        boolean firstLoad = count("select count(*) from (select 1 from orders limit 1) o") == 0;
        long updated = 0;
        if (!firstLoad) {
            update("analyze merge_orders");
            updated = count("select count(*) from merge_orders n join orders o using (order_id)");
        }
        long imported = count("select coalesce(sum(line_count), 0) from merge_orders");
        long created = count("select count(*) from merge_orders") - updated;
        if (updated > 0) {
            update("delete from order_lines l using merge_orders n where l.order_id = n.order_id");
        }
        update("insert into order_lines (order_id, line_no, customer_key, ordered_at, amount, quantity, category, sku, channel) "
                + "select s.order_id, s.line_no, n.customer_key, n.ordered_at, s.amount, s.quantity, s.category, s.sku, s.channel "
                + "from stage_lines s join merge_orders n using (order_id)");
        update("insert into orders (order_id, customer_key, ordered_at, total, line_count) "
                + "select order_id, customer_key, ordered_at, total, line_count from merge_orders order by order_id "
                + (firstLoad ? "" : "on conflict (order_id) do update set customer_key = excluded.customer_key, "
                + "ordered_at = excluded.ordered_at, total = excluded.total, line_count = excluded.line_count"));
        return new MergeOutcome(imported, created, updated);
    }
}
