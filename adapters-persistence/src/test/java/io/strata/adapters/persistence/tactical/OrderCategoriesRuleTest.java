package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A count of orders whose condition on lines asks only for categories ({@code category = …}, {@code category in (…)},
 * such parts joined by {@code or}) reads {@code orders.categories} instead of the lines (issue 19, item 4), and
 * selects the same customers whether the categories are known or not (NULL: the rule reads the lines). Four customers,
 * as of 2024-06-30, one order each: {@code mixed} (2024-06-10, a kids and a home line), {@code home} (2024-06-11, a home
 * line), {@code blank} (2024-06-12, a line without category) and {@code old} (2023-01-10, a kids line). Members worked
 * out by hand.
 */
class OrderCategoriesRuleTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private static final String RULES = """
            count(orders where category = "kids" within 180 days) >= 1                          | mixed
            count(orders where category = "kids") >= 1                                          | mixed old
            count(orders where category = "kids") = 0                                           | home blank
            count(orders where category in ("home", "books") within 180 days) >= 1               | mixed home
            count(orders where category = "kids" or category = "home" within 180 days) = 1       | mixed home
            count(orders where category = "kids" or category in ("x", "home")) >= 2              |
            count(orders where category = "") >= 1                                              |
            count(orders where category = "Kids") >= 1                                           |
            """;

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(List.of(customer("mixed", "2024-06-10", "kids", "home"), customer("home", "2024-06-11", "home"),
                customer("blank", "2024-06-12", ""), customer("old", "2023-01-10", "kids")), AS_OF);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void aCategoryRuleSelectsTheOrdersWithSuchALine(String rule, String members) throws SQLException {
        assertThat(members(rule)).isEqualTo(expected(members));
    }

    @ParameterizedTest(name = "{0} selects [{1}] with categories unknown")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void withTheCategoriesUnknownTheRuleReadsTheLinesAndSelectsTheSame(String rule, String members) throws SQLException {
        execute("update orders set categories = null");

        assertThat(members(rule)).isEqualTo(expected(members));
    }

    @ParameterizedTest(name = "{0} selects [{1}] without lines")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void withTheCategoriesKnownTheRuleNeedsNoLines(String rule, String members) throws SQLException {
        execute("delete from order_lines");

        assertThat(members(rule)).isEqualTo(expected(members));
    }

    @ParameterizedTest(name = "{0} still reads the lines")
    @CsvSource(delimiter = '|', value = {
            "count(orders where category = \"kids\" and amount > 5) >= 1",
            "count(orders where category != \"home\") >= 1",
            "sum(orders.amount where category = \"kids\") > 0"})
    void aConditionOnMoreThanCategoriesReadsTheLines(String rule) throws SQLException {
        assertThat(members(rule)).isNotEmpty();

        execute("delete from order_lines");

        assertThat(members(rule)).isEmpty();
    }

    private static List<String> members(String rule) throws SQLException {
        return RuleSubjectRows.members(RuleArbitraries.CATALOGUE.check(rule), AS_OF).stream().sorted().toList();
    }

    private static List<String> expected(String members) {
        return members == null ? List.of() : Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).sorted().toList();
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** One order on {@code day}, a line of 10 per category. */
    private static RuleSubject customer(String id, String day, String... categories) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = new ArrayList<>();
        for (String category : categories) {
            lines.add(new OrderLine(id + "-o", customerId, Instant.parse(day + "T12:00:00Z"), BigDecimal.TEN, BigDecimal.ONE,
                    category, null, "web"));
        }
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(), Map.of()), lines, List.of()), AS_OF, 3, 3, 3);
    }
}
