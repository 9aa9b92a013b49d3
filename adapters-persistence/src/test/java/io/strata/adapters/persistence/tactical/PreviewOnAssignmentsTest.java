package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.tactical.Preview;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 19 item 3: a preview counts a rule that reads nothing of the customer's row over the run's assignments alone
 * (no probe of each member's customer row), and a rule on order categories keeps its probe of the orders free of
 * subplans, so PostgreSQL may run it in parallel workers. Three customers, as of 2024-06-30, one order each:
 * {@code kids} (2024-06-10, Paris, a kids line), {@code home} (2024-06-11, Riga, a home line), {@code old} (2023-01-10,
 * Paris, a kids line). Members worked out by hand.
 */
class PreviewOnAssignmentsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(List.of(customer("kids", "Paris", "2024-06-10", "kids"), customer("home", "Riga", "2024-06-11", "home"),
                customer("old", "Paris", "2023-01-10", "kids")), AS_OF);
    }

    @ParameterizedTest(name = "{0} over the assignments selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            count(orders where category = "kids" within 180 days) >= 1              | kids
            count(orders where category = "kids") >= 1                              | kids old
            count(orders where category in ("home", "x") within 180 days) = 0       | kids old
            count(orders within 180 days) >= 1 and frequency >= 1                   | kids home
            sum(orders.amount where category = "kids") > 5                          | kids old
            """)
    void aRuleWithoutTheCustomerRowIsCountedOverTheAssignments(String rule, String members) throws SQLException {
        Set<String> expected = new TreeSet<>(Arrays.asList(members.split(" ")));

        assertThat(RuleSubjectRows.membersOnAssignments(check(rule), AS_OF)).contains(expected);
        assertThat(RuleSubjectRows.members(check(rule), AS_OF)).isEqualTo(expected);
    }

    /** The preview itself: its sample (the first by key, named by a look-up per returned member) and its count. */
    @ParameterizedTest(name = "{0}, sample of {1}: {2} matching, sample [{3}]")
    @CsvSource(delimiter = '|', textBlock = """
            count(orders where category = "kids") >= 1                    | 1  | 2 | kids
            count(orders where category = "kids") >= 1                    | 5  | 2 | kids old
            count(orders within 180 days) >= 1 and frequency >= 1         | 2  | 2 | kids home
            count(orders where category = "kids" within 180 days) >= 1    | 10 | 1 | kids
            count(orders where category = "toys") >= 1                    | 10 | 0 |
            """)
    void thePreviewOfARuleWithoutTheCustomerRowSamplesAndCountsOverTheAssignments(String rule, int sampleSize, long matching, String sample) {
        SqlTacticalMembership membership = new SqlTacticalMembership(JdbcClient.create(TestDatabase.dataSource()), TestDatabase.dataSource());

        Preview preview = membership.preview(RuleSubjectRows.RUN, "parent", check(rule), AS_OF, sampleSize);

        assertThat(preview.matching()).isEqualTo(matching);
        assertThat(preview.sample()).containsExactlyElementsOf(sample == null ? List.of() : Arrays.asList(sample.split(" ")));
    }

    @ParameterizedTest(name = "{0} needs the customer row")
    @ValueSource(strings = {"city = \"Paris\"", "count(orders) >= 1 and city = \"Paris\"", "customer_id = \"kids\"",
            "country is not null"})
    void aRuleOnTheCustomerRowIsNotCompiledOverTheAssignments(String rule) throws SQLException {
        assertThat(RuleSubjectRows.membersOnAssignments(check(rule), AS_OF)).isEmpty();
        assertThat(RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent").sql()).contains("join customers c");
    }

    /** "At least one" and "none" compile to EXISTS, which PostgreSQL turns into a join (a count stays a subplan). */
    @ParameterizedTest(name = "{0}: no subplan in the probe of the orders")
    @ValueSource(strings = {"count(orders where category = \"kids\" within 1500 days) >= 1",
            "count(orders where category in (\"kids\", \"home\") within 180 days) >= 1",
            "count(orders where category = \"kids\" or category = \"home\") = 0"})
    void aCategoryRuleHasNoSubplanThatWouldKeepItOutOfParallelWorkers(String rule) throws SQLException {
        SqlFragment members = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent");

        // the preview's count statement (SqlTacticalMembership.preview)
        String plan = explain("select count(*)" + members.sql(), members.parameters());

        // a SubPlan is parallel-restricted: the join to the orders would run above the Gather, in the leader alone
        assertThat(plan).contains("orders").doesNotContain("SubPlan");
    }

    @Test
    void withTheCategoriesUnknownThePreviewCountReadsTheLines() throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); var s = c.createStatement()) {
            s.execute("update orders set categories = null");
        }

        assertThat(RuleSubjectRows.membersOnAssignments(check("count(orders where category = \"kids\") >= 1"), AS_OF))
                .contains(Set.of("kids", "old"));
        assertThat(RuleSubjectRows.membersOnAssignments(check("count(orders where category = \"\") >= 1"), AS_OF)).contains(Set.of());
    }

    private static CheckedRule check(String rule) {
        return RuleArbitraries.CATALOGUE.check(rule);
    }

    private static String explain(String sql, List<Object> parameters) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (Connection c = TestDatabase.dataSource().getConnection(); PreparedStatement explain = c.prepareStatement("explain (costs off) " + sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                explain.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
        }
        return plan.toString();
    }

    /** One order on {@code day}, a line of 10 in the category. */
    private static RuleSubject customer(String id, String city, String day, String category) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = List.of(new OrderLine(id + "-o", customerId, Instant.parse(day + "T12:00:00Z"), BigDecimal.TEN, BigDecimal.ONE,
                category, null, "web"));
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(ProfileField.CITY, city), Map.of()), lines, List.of()),
                AS_OF, 3, 3, 3);
    }
}
