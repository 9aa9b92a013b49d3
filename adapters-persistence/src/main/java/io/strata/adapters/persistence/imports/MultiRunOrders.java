package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.imports.CrossRowCheck;
import io.strata.application.imports.ImportReport;
import io.strata.application.imports.RowError;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.strata.adapters.persistence.imports.Statements.count;
import static io.strata.adapters.persistence.imports.Statements.update;

/**
 * The check of orders staged as more than one run ({@link LineRuns}): all lines of one order must name one customer
 * and lie within {@link #ORDER_SPAN} of each other (tills stamp the lines of one order as the clock ticks; the order
 * takes its earliest line's time), and in lenient mode an order with an invalid line is left out whole; otherwise every
 * line of it is wrong. A good order of several runs is joined into one row of {@code stage_orders}.
 */
final class MultiRunOrders {

    /** How far apart the lines of one order may be stamped. */
    static final Duration ORDER_SPAN = Duration.ofDays(1);

    /**
     * What the check found, by how many rows {@code stage_orders} changed (joined runs, orders left out), and whether
     * the stage was left exactly as it was staged ({@code stageUnchanged}: every flagged order one good run).
     */
    record Outcome(CrossRowCheck check, long stagedOrdersChange, boolean stageUnchanged) {
    }

    private MultiRunOrders() {
    }

    /** {@code linesTable}: where this import's lines are, {@code order_lines} or the staged lines ({@link OrderLineBatch}). */
    static Outcome check(Connection connection, DatabaseSettings.Tuning tuning, String linesTable) throws SQLException {
        Statements.useWorkMem(connection, tuning);
        update(connection, "create temp table order_runs on commit drop as select * from stage_orders "
                + "where order_id in (select order_id from stage_orders where repeated)");
        update(connection, "create temp table run_groups on commit drop as select order_id, min(customer_id) as customer_id, "
                + "max(customer_id) as other_customer, min(ordered_at) as ordered_at, max(ordered_at) as last_ordered_at, "
                + "(array_agg(ordered_at_text order by ordered_at, first_line) filter (where not left_out))[1] as earliest_text, "
                + "bool_or(left_out) as left_out, count(*) filter (where not left_out) as runs, "
                + "sum(total) filter (where not left_out) as total from order_runs group by order_id");
        update(connection, "alter table run_groups add column bad boolean");
        update(connection, "update run_groups set bad = left_out or customer_id <> other_customer or last_ordered_at - ordered_at > interval '"
                + ORDER_SPAN.toHours() + " hours' or abs(total) >= " + LineRuns.TOTAL_BOUND.toPlainString());
        List<RowError> errors = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select r.order_id, r.customer_id, r.ordered_at_text, r.first_line, "
                + "r.line_count, g.customer_id, g.other_customer, g.left_out, g.earliest_text, g.total from order_runs r join run_groups g using (order_id) "
                + "where g.bad and not r.left_out order by r.first_line limit ?")) {
            statement.setInt(1, ImportReport.MAX_ERRORS);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && errors.size() < ImportReport.MAX_ERRORS) {
                    for (long line = rs.getLong(4); line < rs.getLong(4) + rs.getInt(5) && errors.size() < ImportReport.MAX_ERRORS; line++) {
                        errors.add(runError(line, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(6), rs.getString(7),
                                rs.getBoolean(8), rs.getString(9), rs.getBigDecimal(10)));
                    }
                }
            }
        }
        long rejected = count(connection, "select coalesce(sum(r.line_count), 0) from order_runs r join run_groups g using (order_id) where g.bad");
        if (count(connection, "select count(*) from run_groups where bad or runs <> 1") == 0) {
            // every flagged order is one good run, flagged by the Bloom filter's chance (LineRuns): it stands in the
            // stage as it would unflagged, so nothing is rewritten. At a million orders there are a few dozen such
            // orders, and the statements below each scanned the whole stage or the lines for them
            return new Outcome(new CrossRowCheck(errors, rejected), 0, true);
        }
        update(connection, "delete from " + linesTable + " where order_key in (select r.order_key from order_runs r join run_groups g using (order_id) "
                + "where g.bad and not r.left_out)");
        // a good order of several runs keeps the key of its first run; later runs' lines move under it, numbered on
        update(connection, "update " + linesTable + " l set order_key = m.target_key, line_no = l.line_no + m.line_offset from ("
                + "select r.order_key as run_key, first_value(r.order_key) over w as target_key, "
                + "coalesce(sum(r.line_count) over (w rows between unbounded preceding and 1 preceding), 0) as line_offset "
                + "from order_runs r join run_groups g using (order_id) where not g.bad and g.runs > 1 "
                + "window w as (partition by r.order_id order by r.first_line)) m "
                + "where l.order_key = m.run_key and m.run_key <> m.target_key");
        long change = -update(connection, "delete from stage_orders where order_id in (select order_id from run_groups)");
        change += update(connection, "insert into stage_orders (order_key, order_id, customer_id, ordered_at, total, line_count, first_line, "
                + "repeated, left_out, line_digest, category_mask, categories) "
                + "select j.*, coalesce(k.categories, '{}') from ("
                + "select min(r.order_key), r.order_id, min(r.customer_id), min(r.ordered_at), sum(r.total), sum(r.line_count), "
                // an order of one run (flagged by chance) keeps its lines' digest; one joined from several has none
                + "min(r.first_line), false, false, case when count(*) = 1 then (array_agg(r.line_digest))[1] end, "
                // the bits of the runs' categories together; unknown (NULL) if one run's are
                + "case when bool_and(r.category_mask is not null) then bit_or(r.category_mask) end "
                + "from order_runs r join run_groups g using (order_id) where not g.bad "
                + "group by r.order_id) j "
                // the runs' categories together, grouped apart so that a run's categories do not multiply its total
                + "left join (select r.order_id, array_agg(distinct category) as categories from order_runs r "
                + "cross join unnest(r.categories) category group by r.order_id) k using (order_id)");
        return new Outcome(new CrossRowCheck(errors, rejected), change, false);
    }

    /** The error of one line of a bad order: left out with an invalid line, two customers, or lines too far apart. */
    static RowError runError(long line, String orderId, String customerId, String orderedAt, String firstCustomer,
                             String otherCustomer, boolean leftOut, String earliest, java.math.BigDecimal total) {
        if (leftOut) {
            return new RowError(line, "order_id", orderId, "order " + orderId
                    + " has an invalid line; an order is imported whole, so this line was left out too");
        } else if (!firstCustomer.equals(otherCustomer)) {
            return new RowError(line, "customer_id", customerId, "order " + orderId + " names customers " + firstCustomer + " and "
                    + otherCustomer + "; all lines of one order must name one customer");
        }
        if (total != null && total.abs().compareTo(LineRuns.TOTAL_BOUND) >= 0) {
            String sum = total.stripTrailingZeros().toPlainString();
            return new RowError(line, "amount", sum, "the lines of order " + orderId + " add up to " + sum + "; an order's total"
                    + " must stay under 10^15 either way (15 digits before the point): check the amounts, or send such a sum as"
                    + " several orders");
        }
        return new RowError(line, "ordered_at", orderedAt, "order " + orderId + " has lines more than a day apart (its earliest line is at "
                + earliest + "); the lines of one order may be up to a day apart and the order takes its earliest line's time, "
                + "so lines further apart are probably two orders sharing one order_id");
    }
}
