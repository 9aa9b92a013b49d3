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
 */
final class OrderLineBatch extends StagedBatch<OrderLineRow> {

    private static final int MAX_CROSS_ROW_ERRORS = 100_000;

    private boolean checked;

    OrderLineBatch(DataSource dataSource) {
        super(dataSource,
                "create temp table stage_lines (line bigint, order_id text, customer_id text, ordered_at timestamptz, "
                        + "amount numeric(19,4), quantity numeric(19,4), category text, sku text, channel text) on commit drop",
                "copy stage_lines (line, order_id, customer_id, ordered_at, amount, quantity, category, sku, channel) from stdin");
    }

    @Override
    protected void stage(CopyStream copy, OrderLineRow row) {
        copy.field(row.line()).field(row.orderId()).field(row.customerId()).field(row.orderedAt())
                .field(row.amount()).field(row.quantity()).field(row.category()).field(row.sku()).field(row.channel());
    }

    /** All lines of one order must name one customer and one ordered_at; otherwise every line of it is wrong. */
    @Override
    public List<RowError> crossRowErrors() {
        try {
            endStaging();
            update("create temp table bad_orders on commit drop as "
                    + "select order_id, min(customer_id) as first_customer, max(customer_id) as other_customer, "
                    + "count(distinct ordered_at) as times from stage_lines group by order_id "
                    + "having count(distinct customer_id) > 1 or count(distinct ordered_at) > 1");
            checked = true;
            List<RowError> errors = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select s.line, s.order_id, s.customer_id, s.ordered_at, b.first_customer, "
                         + "b.other_customer, b.times from stage_lines s join bad_orders b using (order_id) order by s.line limit "
                         + MAX_CROSS_ROW_ERRORS)) {
                while (rs.next()) {
                    String orderId = rs.getString(2);
                    boolean twoCustomers = !rs.getString(5).equals(rs.getString(6));
                    errors.add(twoCustomers
                            ? new RowError(rs.getLong(1), "customer_id", rs.getString(3), "order " + orderId + " names customers "
                            + rs.getString(5) + " and " + rs.getString(6) + "; all lines of one order must name one customer")
                            : new RowError(rs.getLong(1), "ordered_at", rs.getString(4), "order " + orderId + " has lines with "
                            + rs.getLong(7) + " different ordered_at values; all lines of one order must have the same ordered_at"));
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
        long imported = update("delete from stage_lines where order_id in (select order_id from bad_orders)");
        imported = stagedRows() - imported;
        update("insert into customers (customer_id) select distinct customer_id from stage_lines order by 1 on conflict (customer_id) do nothing");
        update("create temp table staged_orders on commit drop as "
                + "select s.order_id, c.customer_key, min(s.ordered_at) as ordered_at, sum(s.amount) as total, count(*) as line_count "
                + "from stage_lines s join customers c using (customer_id) group by s.order_id, c.customer_key");
        update("analyze staged_orders");
        long updated = count("select count(*) from staged_orders n join orders o using (order_id)");
        long created = count("select count(*) from staged_orders") - updated;
        if (updated > 0) {
            update("delete from order_lines l using staged_orders n where l.order_id = n.order_id");
        }
        update("insert into order_lines (order_id, line_no, customer_key, ordered_at, amount, quantity, category, sku, channel) "
                + "select s.order_id, row_number() over (partition by s.order_id order by s.line), n.customer_key, s.ordered_at, "
                + "s.amount, s.quantity, s.category, s.sku, s.channel from stage_lines s join staged_orders n using (order_id)");
        update("insert into orders (order_id, customer_key, ordered_at, total, line_count) "
                + "select order_id, customer_key, ordered_at, total, line_count from staged_orders order by order_id "
                + "on conflict (order_id) do update set customer_key = excluded.customer_key, ordered_at = excluded.ordered_at, "
                + "total = excluded.total, line_count = excluded.line_count");
        return new MergeOutcome(imported, created, updated);
    }
}
