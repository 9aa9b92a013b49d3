package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.Rule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL a rule compiles to and the domain's reference evaluator select the same customers, for random valid rules
 * over random customers (missing values, malformed stored text, window edges, returns, events with properties).
 */
class RuleSqlAgreesWithReferenceProperties {

    private static final long RUN = 1;

    @Provide
    Arbitrary<Rule> rules() {
        return RuleArbitraries.validRules();
    }

    @Provide
    Arbitrary<List<RuleSubject>> populations() {
        return RuleArbitraries.subjects().list().ofMinSize(1).ofMaxSize(6)
                .map(list -> List.copyOf(list.stream().collect(Collectors.toMap(s -> s.history().id().value(), s -> s, (a, b) -> a,
                        LinkedHashMap::new)).values()));
    }

    @Property(tries = 400)
    void sqlSelectsExactlyTheCustomersTheReferenceMatches(@ForAll("rules") Rule rule, @ForAll("populations") List<RuleSubject> population)
            throws SQLException {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);
        Set<String> expected = population.stream().filter(checked::matches).map(s -> s.history().id().value())
                .collect(Collectors.toCollection(TreeSet::new));

        load(population);
        SqlFragment where = RuleSql.compile(checked, RuleArbitraries.AS_OF);
        Set<String> actual = new TreeSet<>();
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement query = c.prepareStatement("select c.customer_id from run_assignments a join customers c "
                     + "on c.customer_key = a.customer_key where a.run_id = " + RUN + " and " + where.sql())) {
            for (int i = 0; i < where.parameters().size(); i++) {
                query.setObject(i + 1, where.parameters().get(i));
            }
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    actual.add(rs.getString(1));
                }
            }
        }

        assertThat(actual).as("rule %s", rule.toText()).isEqualTo(expected);
    }

    private static void load(List<RuleSubject> population) throws SQLException {
        TestDatabase.emptyCustomerData();
        try (Connection c = TestDatabase.dataSource().getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("insert into segmentations (segmentation_id, name, definition, status) values (1, 'p', '{}', 'DRAFT')");
                s.execute("insert into segmentation_runs (run_id, segmentation_id, as_of, status) values (" + RUN + ", 1, '"
                        + RuleArbitraries.AS_OF + "', 'COMPLETED')");
                s.execute("create table run_assignments_" + RUN + " partition of run_assignments for values in (" + RUN + ")");
            }
            TestDatabase.createTestLines(c);
            for (RuleSubject subject : population) {
                loadCustomer(c, subject);
            }
            TestDatabase.ordersFromTestLines(c);
        }
    }

    private static void loadCustomer(Connection c, RuleSubject subject) throws SQLException {
        var customer = subject.history().customer();
        try (PreparedStatement insert = c.prepareStatement("insert into customers (customer_id, city, email, signup_date, email_opt_in, attributes) "
                + "values (?, ?, ?, ?::date, ?::boolean, ?::jsonb) returning customer_key")) {
            insert.setString(1, customer.id().value());
            insert.setString(2, customer.profile().get(ProfileField.CITY));
            insert.setString(3, customer.profile().get(ProfileField.EMAIL));
            insert.setString(4, customer.profile().get(ProfileField.SIGNUP_DATE));
            insert.setString(5, customer.profile().get(ProfileField.EMAIL_OPT_IN));
            insert.setString(6, json(customer.attributes()));
            long key;
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                key = rs.getLong(1);
            }
            var metrics = subject.metrics();
            try (PreparedStatement assign = c.prepareStatement("insert into run_assignments (run_id, customer_key, segment_key, r, f, m, "
                    + "recency_days, frequency, monetary) values (?, ?, 'parent', ?, ?, ?, ?, ?, ?)")) {
                assign.setLong(1, RUN);
                assign.setLong(2, key);
                assign.setObject(3, subject.r());
                assign.setObject(4, subject.f());
                assign.setObject(5, subject.m());
                assign.setObject(6, metrics.recencyDays());
                assign.setInt(7, metrics.frequency());
                assign.setBigDecimal(8, metrics.monetary());
                assign.executeUpdate();
            }
            int lineNo = 0;
            try (PreparedStatement line = c.prepareStatement("insert into test_order_lines (order_id, line_no, customer_key, ordered_at, amount, "
                    + "quantity, category, sku, channel) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (OrderLine l : subject.history().orderLines()) {
                    line.setString(1, customer.id().value() + "/" + l.orderId());
                    line.setInt(2, ++lineNo);
                    line.setLong(3, key);
                    line.setTimestamp(4, Timestamp.from(l.orderedAt()));
                    line.setBigDecimal(5, l.amount());
                    line.setBigDecimal(6, l.quantity());
                    line.setString(7, l.category());
                    line.setString(8, l.sku());
                    line.setString(9, l.channel());
                    line.addBatch();
                }
                line.executeBatch();
            }
            int eventNo = 0;
            try (PreparedStatement event = c.prepareStatement("insert into events (dedupe_key, customer_key, event_type, occurred_at, properties) "
                    + "values (?, ?, ?, ?, ?::jsonb)")) {
                for (Event e : subject.history().events()) {
                    event.setString(1, customer.id().value() + "/" + ++eventNo);
                    event.setLong(2, key);
                    event.setString(3, e.type());
                    event.setTimestamp(4, Timestamp.from(e.occurredAt()));
                    event.setString(5, json(e.properties()));
                    event.addBatch();
                }
                event.executeBatch();
            }
        }
    }

    private static String json(Map<String, String> values) {
        List<String> pairs = new ArrayList<>();
        values.forEach((k, v) -> pairs.add(quote(k) + ":" + quote(v)));
        return "{" + String.join(",", pairs) + "}";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
