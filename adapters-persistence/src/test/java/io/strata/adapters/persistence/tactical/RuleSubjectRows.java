package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RuleSubject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rule subjects as rows of a completed run (customers, their run assignment, orders and events), and the customers a
 * compiled rule selects among them: what a tactical segment's preview asks of the database. Public for the Spark engine's
 * properties (adapters-spark), which load the same rows.
 */
public final class RuleSubjectRows {

    public static final long RUN = 1;

    private RuleSubjectRows() {
    }

    /** Empties the customer data and writes the population, in a few batches whatever its size. */
    public static void load(List<RuleSubject> population, LocalDate asOf) throws SQLException {
        TestDatabase.emptyCustomerData();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 'p', '{}', 'DRAFT')");
                s.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN + ", 1, '" + asOf
                        + "', 'COMPLETED')");
                s.execute("create table run_assignments_" + RUN + " partition of run_assignments for values in (" + RUN + ")");
            }
            Map<String, Long> keys = customers(c, population);
            assignments(c, population, keys);
            predictions(c, population, keys);
            TestDatabase.createTestLines(c);
            lines(c, population, keys);
            TestDatabase.ordersFromTestLines(c);
            events(c, population, keys);
        }
    }

    /**
     * The orders' category masks again (changeset 410) as if 61 other categories had taken bits 0..60: one category of
     * the orders (the first in text order) gets bit 61, the others none (their orders have the bit of categories without
     * one, 62); then a third of the orders' masks are made unknown (NULL).
     */
    public static void categoryBitsMostlyGiven() throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("truncate order_category_bits");
            s.execute("update orders set category_mask = null");
            s.execute("insert into order_category_bits (category, bit) select 'taken before ' || i, i from generate_series(0, 60) i");
            s.execute("select fill_order_category_masks()");
            s.execute("update orders set category_mask = null where order_key % 3 = 0");
        }
    }

    /** The ids of the customers the rule, compiled to SQL, selects from the run. */
    static Set<String> members(CheckedRule checked, LocalDate asOf) throws SQLException {
        return members(RuleSql.compile(checked, asOf));
    }

    /** The ids of the customers of the run that {@code where} (a compiled rule over {@code a} and {@code c}) selects. */
    static Set<String> members(SqlFragment where) throws SQLException {
        Set<String> members = new TreeSet<>();
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement query = c.prepareStatement("select c.customer_id from run_assignments a join customers c "
                     + "on c.customer_key = a.customer_key where a.run_id = " + RUN + " and " + where.sql())) {
            for (int i = 0; i < where.parameters().size(); i++) {
                query.setObject(i + 1, where.parameters().get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    members.add(rs.getString(1));
                }
            }
        }
        return members;
    }

    /**
     * The ids of the customers of the run's parent segment ({@code parent}: every subject's) that the rule, in the form
     * a run's tactical memberships are computed with ({@link RuleSql#membersOf}: the customer's row joined only when the
     * rule reads it, subqueries correlated on the assignment's key), selects; the customer row is read only to name the
     * member, under an alias the rule cannot reach.
     */
    static Set<String> membersOfParent(CheckedRule checked, LocalDate asOf) throws SQLException {
        return membersOfParent(checked, asOf, false);
    }

    /**
     * As {@link #membersOfParent(CheckedRule, LocalDate)}; {@code allAtOnce}: in the form a run's tactical memberships
     * use, an "at least one" count that is a conjunct of the rule asked once for all the parent's members
     * ({@code RuleSql.membersWithSome}).
     */
    static Set<String> membersOfParent(CheckedRule checked, LocalDate asOf, boolean allAtOnce) throws SQLException {
        // as a preview reads them: the orders' categories asked of their masks
        SqlFragment members = RuleSql.membersOf(checked, asOf, RUN, "parent",
                SqlTacticalMembership.categoryBits(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource())), null, allAtOnce);
        Set<String> selected = new TreeSet<>();
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement query = c.prepareStatement("select (select x.customer_id from customers x where x.customer_key = a.customer_key)"
                     + members.sql())) {
            for (int i = 0; i < members.parameters().size(); i++) {
                query.setObject(i + 1, members.parameters().get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    selected.add(rs.getString(1));
                }
            }
        }
        return selected;
    }

    /**
     * The ids of the customers of the run's parent that the rule, in the form a preview and a run's memberships read it
     * ({@link RuleSql#membersOf}), selects when that form reads nothing of the customer's row (no join to
     * {@code customers}: the member is named under an alias the rule cannot reach). Empty when the rule reads the row.
     */
    static java.util.Optional<Set<String>> membersOnAssignments(CheckedRule checked, LocalDate asOf) throws SQLException {
        if (RuleSql.membersOf(checked, asOf, RUN, "parent").sql().contains("join customers")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(membersOfParent(checked, asOf));
    }

    private static Map<String, Long> customers(Connection c, List<RuleSubject> population) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into customers (customer_id, city, email, signup_date, email_opt_in, "
                + "attributes) values (?, ?, ?, ?::date, ?::boolean, ?::jsonb)")) {
            for (RuleSubject subject : population) {
                var customer = subject.history().customer();
                insert.setString(1, customer.id().value());
                insert.setString(2, customer.profile().get(ProfileField.CITY));
                insert.setString(3, customer.profile().get(ProfileField.EMAIL));
                insert.setString(4, customer.profile().get(ProfileField.SIGNUP_DATE));
                insert.setString(5, customer.profile().get(ProfileField.EMAIL_OPT_IN));
                insert.setString(6, json(customer.attributes()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        Map<String, Long> keys = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select customer_id, customer_key from customers")) {
            while (rs.next()) {
                keys.put(rs.getString(1), rs.getLong(2));
            }
        }
        return keys;
    }

    private static void assignments(Connection c, List<RuleSubject> population, Map<String, Long> keys) throws SQLException {
        try (PreparedStatement assign = c.prepareStatement("insert into run_assignments (run_id, customer_key, segment_key, r, f, m, "
                + "recency_days, frequency, monetary) values (?, ?, 'parent', ?, ?, ?, ?, ?, ?)")) {
            for (RuleSubject subject : population) {
                var metrics = subject.metrics();
                assign.setLong(1, RUN);
                assign.setLong(2, keys.get(subject.history().id().value()));
                assign.setObject(3, subject.r());
                assign.setObject(4, subject.f());
                assign.setObject(5, subject.m());
                assign.setObject(6, metrics.recencyDays());
                assign.setInt(7, metrics.frequency());
                assign.setBigDecimal(8, metrics.monetary());
                assign.addBatch();
            }
            assign.executeBatch();
        }
    }

    /** The run's stored predictions (doubles, as the run writes them); a subject without one has no row. */
    private static void predictions(Connection c, List<RuleSubject> population, Map<String, Long> keys) throws SQLException {
        try (PreparedStatement predict = c.prepareStatement("insert into run_customer_predictions (run_id, customer_key, x, recency_days, "
                + "age_days, p_alive, expected_purchases_30d, expected_purchases_90d, expected_purchases_365d, expected_purchase_value, "
                + "predicted_value) values (?, ?, 0, 0, 0, ?, ?, ?, ?, ?, ?)")) {
            for (RuleSubject subject : population) {
                var p = subject.prediction();
                if (p == null) {
                    continue;
                }
                predict.setLong(1, RUN);
                predict.setLong(2, keys.get(subject.history().id().value()));
                double[] values = {p.probabilityAlive(), p.purchases30d(), p.purchases90d(), p.purchases365d(), p.expectedPurchaseValue(),
                        p.predictedValue()};
                for (int i = 0; i < values.length; i++) {
                    predict.setDouble(3 + i, values[i]);
                }
                predict.addBatch();
            }
            predict.executeBatch();
        }
    }

    private static void lines(Connection c, List<RuleSubject> population, Map<String, Long> keys) throws SQLException {
        try (PreparedStatement line = c.prepareStatement("insert into test_order_lines (order_id, line_no, customer_key, ordered_at, amount, "
                + "quantity, category, sku, channel) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (RuleSubject subject : population) {
                String id = subject.history().id().value();
                int lineNo = 0;
                for (OrderLine l : subject.history().orderLines()) {
                    line.setString(1, id + "/" + l.orderId());
                    line.setInt(2, ++lineNo);
                    line.setLong(3, keys.get(id));
                    line.setTimestamp(4, Timestamp.from(l.orderedAt()));
                    line.setBigDecimal(5, l.amount());
                    line.setBigDecimal(6, l.quantity());
                    line.setString(7, l.category());
                    line.setString(8, l.sku());
                    line.setString(9, l.channel());
                    line.addBatch();
                }
            }
            line.executeBatch();
        }
    }

    private static void events(Connection c, List<RuleSubject> population, Map<String, Long> keys) throws SQLException {
        try (PreparedStatement event = c.prepareStatement("insert into events (dedupe_key, customer_key, event_type, occurred_at, properties) "
                + "values (?, ?, ?, ?, ?::jsonb)")) {
            for (RuleSubject subject : population) {
                String id = subject.history().id().value();
                int eventNo = 0;
                for (Event e : subject.history().events()) {
                    event.setString(1, id + "/" + ++eventNo);
                    event.setLong(2, keys.get(id));
                    event.setString(3, e.type());
                    event.setTimestamp(4, Timestamp.from(e.occurredAt()));
                    event.setString(5, json(e.properties()));
                    event.addBatch();
                }
            }
            event.executeBatch();
        }
    }

    private static String json(Map<String, String> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> {
            if (v != null) {
                pairs.add(quote(k) + ":" + quote(v));
            }
        });
        return "{" + String.join(",", pairs) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                default -> out.append(ch);
            }
        }
        return out.append('"').toString();
    }
}
