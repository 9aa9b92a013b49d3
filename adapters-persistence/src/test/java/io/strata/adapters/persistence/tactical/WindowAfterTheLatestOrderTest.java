package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A window that starts after the latest order any import has written ({@code purchase_facts_horizon}) holds no order,
 * and over a run's members (previews and tactical memberships) its probe of each member's orders is skipped
 * ({@link RuleSql}: the window's one-time filter). The answers must be those of the probe. As of 2024-06-30: {@code last}
 * has one order at 2024-06-20T00:00:00Z, the latest of all, so the horizon is that very instant and a 10-day window
 * opens on it; {@code older} has one on 2024-01-10. Within 10 days {@code last} has an order; within 9 days (the window
 * opens 2024-06-21T00:00:00Z, a day after the horizon) no one has. Members worked out by hand; the reference evaluator
 * must agree with them.
 */
class WindowAfterTheLatestOrderTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private static final List<RuleSubject> POPULATION = List.of(
            subject("last", "2024-06-20T00:00:00Z"),
            subject("older", "2024-01-10T12:00:00Z"));

    private static final String RULES = """
            count(orders where category = "kids" within 10 days) >= 1   | last
            count(orders where category = "kids" within 9 days) >= 1    |
            count(orders where category = "kids" within 9 days) = 0     | last older
            not (count(orders within 9 days) >= 1)                      | last older
            count(orders within 9 days) = 0                             | last older
            count(orders within 10 days) = 1                            | last
            sum(orders.amount within 9 days) = 0                        | last older
            sum(orders.amount within 10 days) > 0                       | last
            count(orders where amount > 5 within 9 days) >= 1           |
            count(orders where category = "kids" within 200 days) >= 2  |
            count(orders where category = "kids") >= 1                  | last older
            """;

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(POPULATION, AS_OF);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void aWindowAfterTheHorizonHoldsNoOrder(String rule, String members) throws SQLException {
        assertThat(JdbcClient.create(TestDatabase.dataSource()).sql("select latest_ordered_at = '2024-06-20T00:00:00Z' from purchase_facts_horizon")
                .query(Boolean.class).single()).as("the horizon at the latest order, as an import leaves it").isTrue();

        assertSelects(rule, members);
    }

    @ParameterizedTest(name = "{0} selects [{1}] without a horizon")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void withoutAHorizonEveryWindowIsProbed(String rule, String members) throws SQLException {
        // as the database is before any orders import (orders written directly): nothing known, the orders answer
        TestDatabase.execute("update purchase_facts_horizon set latest_ordered_at = null");

        assertSelects(rule, members);
    }

    @Test
    void aWindowAfterTheHorizonProbesNoMembersOrders() throws SQLException {
        assertThat(ordersScans("count(orders where category = \"kids\" within 9 days) >= 1")).as("the orders' scans")
                .isNotEmpty().allMatch(scan -> scan.contains("(never executed)"));
        assertThat(ordersScans("count(orders where category = \"kids\" within 10 days) >= 1")).as("a window holding the latest order")
                .isNotEmpty().anyMatch(scan -> scan.contains("loops=") && !scan.contains("loops=0"));
    }

    private static void assertSelects(String rule, String members) throws SQLException {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);
        List<String> expected = members == null ? List.of() : Arrays.stream(members.trim().split(" ")).sorted().toList();

        assertThat(POPULATION.stream().filter(checked::matches).map(s -> s.history().customer().id().value()).sorted().toList())
                .as("reference evaluator").isEqualTo(expected);
        assertThat(RuleSubjectRows.membersOfParent(checked, AS_OF).stream().sorted().toList()).as("members' form").isEqualTo(expected);
        SqlTacticalMembership membership = new SqlTacticalMembership(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource());
        assertThat(membership.preview(RuleSubjectRows.RUN, "parent", checked, AS_OF, 5).matching()).as("preview").isEqualTo(expected.size());
    }

    /** The plan's lines of the scans of {@code orders} in the preview's members statement, as EXPLAIN ANALYZE ran it. */
    private static List<String> ordersScans(String rule) throws SQLException {
        SqlFragment members = RuleSql.membersOf(RuleArbitraries.CATALOGUE.check(rule), AS_OF, RuleSubjectRows.RUN, "parent",
                SqlTacticalMembership.categoryBits(JdbcClient.create(TestDatabase.dataSource())));
        List<String> scans = new ArrayList<>();
        try (Connection c = TestDatabase.dataSource().getConnection();
             PreparedStatement explain = c.prepareStatement("explain (analyze, costs off, timing off) select count(*)" + members.sql())) {
            for (int i = 0; i < members.parameters().size(); i++) {
                explain.setObject(i + 1, members.parameters().get(i));
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).contains(" on orders ")) {
                        scans.add(rs.getString(1));
                    }
                }
            }
        }
        return scans;
    }

    /** One order at {@code at}: a kids line of 10. */
    private static RuleSubject subject(String id, String at) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = List.of(new OrderLine(id + "-o", customerId, Instant.parse(at), BigDecimal.TEN, BigDecimal.ONE, "kids", null, "web"));
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(), Map.of()), lines, List.of()), AS_OF, 3, 3, 3);
    }
}
