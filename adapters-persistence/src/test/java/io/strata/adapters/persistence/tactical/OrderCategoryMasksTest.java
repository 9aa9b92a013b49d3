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

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 * A preview's member condition ({@link RuleSql#membersOf} with the categories' bits) asks an order's categories of its
 * mask ({@code orders.category_mask}, changeset 410), which the orders' index carries, and selects the same customers
 * whatever the masks say: known (the categories and lines may then be gone), unknown (NULL: the categories are read),
 * or an asked category without a bit of its own (the rule then reads the categories). As of 2024-06-30, within 10 days the window opens at 2024-06-20T00:00:00Z;
 * one order each: {@code opening} (kids, at that very instant), {@code justBefore} (kids, one microsecond earlier),
 * {@code closing} (kids, 2024-06-30T23:59:59.999999Z, the as-of day's last instant), {@code after} (kids, 2024-07-01
 * 00:00Z, after the as-of day), {@code home} (home, 2024-06-25), {@code mixed} (kids and home, 2024-06-22), {@code blank}
 * (a line without category, 2024-06-25). Members worked out by hand; the reference evaluator must agree with them.
 * A run's tactical memberships ask the masks too (session 37): with the categories and lines gone they still find them.
 */
class OrderCategoryMasksTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private static final List<RuleSubject> POPULATION = List.of(
            subject("opening", "2024-06-20T00:00:00Z", "kids"),
            subject("justBefore", "2024-06-19T23:59:59.999999Z", "kids"),
            subject("closing", "2024-06-30T23:59:59.999999Z", "kids"),
            subject("after", "2024-07-01T00:00:00Z", "kids"),
            subject("home", "2024-06-25T12:00:00Z", "home"),
            subject("mixed", "2024-06-22T12:00:00Z", "kids", "home"),
            subject("blank", "2024-06-25T12:00:00Z", ""));

    private static final String RULES = """
            count(orders where category = "kids" within 10 days) >= 1                       | opening closing mixed
            count(orders where category = "kids" within 10 days) = 0                        | justBefore after home blank
            count(orders where category = "kids" within 11 days) >= 1                       | opening justBefore closing mixed
            count(orders where category = "kids") >= 1                                      | opening justBefore closing mixed
            count(orders where category = "kids" within 10 days) = 1                        | opening closing mixed
            count(orders where category in ("home", "books") within 10 days) >= 1            | home mixed
            count(orders where category = "kids" or category = "home" within 10 days) >= 1   | opening closing home mixed
            count(orders where category = "books") >= 1                                     |
            count(orders where category = "") >= 1                                          |
            count(orders where category = "Kids" within 10 days) >= 1                       |
            """;

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(POPULATION, AS_OF);
        // a category numbered by an earlier import, in no order now: asked for, it is answered by the masks too
        execute("insert into order_category_bits (category, bit) values ('books', 40)");
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void theMasksSelectTheMembersTheReferenceMatches(String rule, String members) throws SQLException {
        assertThat(count("select count(*) from orders where category_mask is null")).as("every mask known").isZero();

        assertSelects(rule, members);
    }

    @ParameterizedTest(name = "{0} selects [{1}] through the preview")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void thePreviewCountsThem(String rule, String members) throws SQLException {
        execute("update orders set categories = null");
        execute("delete from order_lines");
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);
        SqlTacticalMembership membership = new SqlTacticalMembership(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource()),
                TestDatabase.dataSource());

        assertThat(membership.preview(RuleSubjectRows.RUN, "parent", checked, AS_OF, 1).matching())
                .isEqualTo(members == null ? 0 : Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).count());
    }

    @ParameterizedTest(name = "{0} selects [{1}] as a run's tactical memberships, from the masks alone")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void aRunsMembershipsAskTheMasks(String rule, String members) throws SQLException {
        aRunsMemberships(rule, members, new SqlTacticalMembership(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource()),
                TestDatabase.dataSource()));
    }

    /** The same with the run's memberships written in two halves of the seven customers by key ({@link MembershipHalves}). */
    @ParameterizedTest(name = "{0} selects [{1}] as a run's tactical memberships in halves, from the masks alone")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void aRunsMembershipsInHalvesAskTheMasks(String rule, String members) throws SQLException {
        aRunsMemberships(rule, members, new SqlTacticalMembership(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource()),
                TestDatabase.dataSource(), 0));
        assertThat(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource())
                .sql("select count(*) from pg_partition_tree(?::regclass)").param(SqlTacticalMembership.partition(RuleSubjectRows.RUN))
                .query(Long.class).single()).isEqualTo(3);
    }

    private void aRunsMemberships(String rule, String members, SqlTacticalMembership membership) throws SQLException {
        // only the masks know the categories now: a membership statement that read the categories or lines would find none
        execute("update orders set categories = null");
        execute("delete from order_lines");
        org.springframework.jdbc.core.simple.JdbcClient jdbc = org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource());
        long tacticalId = jdbc.sql("insert into tactical_segments (name, parent_segment, rule, status) values ('t', 'parent', ?, 'ACTIVE') "
                + "returning tactical_id").param(rule).query(Long.class).single();
        execute("drop table if exists " + SqlTacticalMembership.partition(RuleSubjectRows.RUN));

        membership.assign(RuleSubjectRows.RUN,
                List.of(new io.strata.application.tactical.MembershipRule(tacticalId, "parent", RuleArbitraries.CATALOGUE.check(rule))), AS_OF);

        List<String> expected = members == null ? List.of() : Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).sorted().toList();
        assertThat(jdbc.sql("select c.customer_id from tactical_members m join customers c using (customer_key) where m.run_id = ? "
                + "and m.tactical_id = ? order by 1").params(RuleSubjectRows.RUN, tacticalId).query(String.class).list()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} selects [{1}] from the masks alone")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void theMasksAloneAnswer(String rule, String members) throws SQLException {
        execute("update orders set categories = null");
        execute("delete from order_lines");

        assertSelects(rule, members);
    }

    @ParameterizedTest(name = "{0} selects [{1}] with the masks unknown")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void withTheMasksUnknownTheCategoriesAnswer(String rule, String members) throws SQLException {
        execute("update orders set category_mask = null");

        assertSelects(rule, members);
    }

    @ParameterizedTest(name = "{0} selects [{1}] with no category having a bit")
    @CsvSource(delimiter = '|', textBlock = RULES)
    void aCategoryWithoutABitIsReadFromTheCategories(String rule, String members) throws SQLException {
        // as if every bit had been given to other categories before these came
        execute("truncate order_category_bits");
        execute("update orders set category_mask = null");
        execute("insert into order_category_bits (category, bit) select 'taken before ' || i, i from generate_series(0, 61) i");
        execute("select fill_order_category_masks()");
        assertThat(count("select count(*) from orders where category_mask = " + (1L << 62))).isEqualTo(6);

        assertSelects(rule, members);
    }

    @Test
    void theProbeOfAMembersOrdersCanStayInTheIndex() throws SQLException {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check("count(orders where category = \"kids\" within 10 days) >= 1");
        SqlFragment members = RuleSql.membersOf(checked, AS_OF, RuleSubjectRows.RUN, "parent",
                SqlTacticalMembership.categoryBits(org.springframework.jdbc.core.simple.JdbcClient.create(TestDatabase.dataSource())));
        StringBuilder plan = new StringBuilder();
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            // seven orders: left to itself the planner reads them in one page; the question is whether it may use only the index
            s.execute("set local enable_seqscan = off");
            s.execute("set local enable_bitmapscan = off");
            s.execute("set local enable_indexscan = off");
            try (PreparedStatement explain = c.prepareStatement("explain select count(*)" + members.sql())) {
                for (int i = 0; i < members.parameters().size(); i++) {
                    explain.setObject(i + 1, members.parameters().get(i));
                }
                try (ResultSet rs = explain.executeQuery()) {
                    while (rs.next()) {
                        plan.append(rs.getString(1)).append('\n');
                    }
                }
            }
            c.rollback();
        }
        assertThat(plan.toString()).contains("Index Only Scan using orders_customer_idx on orders").doesNotContain("Seq Scan on orders");
    }

    private static void assertSelects(String rule, String members) throws SQLException {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);
        List<String> expected = members == null ? List.of() : Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).sorted().toList();

        assertThat(POPULATION.stream().filter(checked::matches).map(s -> s.history().customer().id().value()).sorted().toList())
                .as("reference evaluator").isEqualTo(expected);
        assertThat(RuleSubjectRows.membersOfParent(checked, AS_OF).stream().sorted().toList()).as("members' form").isEqualTo(expected);
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = TestDatabase.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** One order at {@code at}, a line of 10 per category. */
    private static RuleSubject subject(String id, String at, String... categories) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = new ArrayList<>();
        for (String category : categories) {
            lines.add(new OrderLine(id + "-o", customerId, Instant.parse(at), BigDecimal.TEN, BigDecimal.ONE, category, null, "web"));
        }
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(), Map.of()), lines, List.of()), AS_OF, 3, 3, 3);
    }
}
