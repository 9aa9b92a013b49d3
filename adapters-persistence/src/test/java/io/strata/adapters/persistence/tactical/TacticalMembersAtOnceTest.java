package io.strata.adapters.persistence.tactical;

import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.ProfileField;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
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
 * Issue 19 item 2 (session 59): a run's tactical memberships ask an "at least one" count that is a conjunct of the rule
 * once for all the parent's members ({@code RuleSql.membersWithSome}: the keys of the members with such an order, by one
 * scan of the orders' index for all of them), and keep the probe per member ({@code exists}) inside an {@code or} or a
 * {@code not}, where PostgreSQL would search the array for every member. Three customers of the run's parent, as of
 * 2024-06-30, one order each: {@code kids} (2024-06-10, Paris, a kids line), {@code home} (2024-06-11, Riga, a home
 * line), {@code old} (2023-01-10, Paris, a kids line); no events. Members worked out by hand.
 */
class TacticalMembersAtOnceTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(List.of(customer("kids", "Paris", "2024-06-10", "kids"), customer("home", "Riga", "2024-06-11", "home"),
                customer("old", "Paris", "2023-01-10", "kids")), AS_OF);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            count(orders where category = "kids" within 180 days) >= 1                            | kids
            count(orders where category = "kids") >= 1                                           | kids old
            count(orders within 180 days) >= 1 and frequency >= 1                                 | kids home
            count(orders where category = "kids") > 0 and city = "Paris"                          | kids old
            count(orders where category = "kids") >= 1 and count(orders within 180 days) >= 1    | kids
            count(orders where category = "home") >= 1 and city = "Paris"                         |
            count(orders where category = "kids" within 180 days) >= 1 and city = "Riga"          |
            not (count(orders where category = "kids") >= 1)                                      | home
            count(orders where category = "home") >= 1 or city = "Paris"                          | home kids old
            count(orders where category = "kids") = 0                                             | home
            count(events "session" within 30 days) >= 1                                           |
            sum(orders.amount within 180 days) > 5                                                | kids home
            sum(orders.amount within 180 days) > 5 and city = "Paris"                             | kids
            sum(orders.amount) >= 10 and sum(orders.amount) <= 10                                 | kids home old
            sum(orders.amount within 180 days) < 5                                                | old
            sum(orders.amount within 180 days) = 0                                                | old
            sum(orders.amount within 180 days) != 0                                               | kids home
            count(orders where category = "kids") = 1 and frequency >= 1                          | kids old
            count(orders where category = "kids") < 1                                             | home
            count(orders within 180 days) <= 1 and city = "Paris"                                 | kids old
            avg(orders.amount within 180 days) >= 10                                              | kids home
            avg(orders.amount within 180 days) < 10                                               |
            distinct(orders.category) > 0                                                         | kids home old
            not (sum(orders.amount within 180 days) > 5)                                          | old
            sum(orders.amount within 180 days) > 5 or city = "Paris"                              | home kids old
            sum(events "session".minutes) > 0                                                     |
            """)
    void theMembershipsFormSelectsWhatTheReferenceMatches(String rule, String members) throws SQLException {
        Set<String> expected = members == null ? Set.of() : new TreeSet<>(Arrays.asList(members.split(" ")));
        List<RuleSubject> population = List.of(customer("kids", "Paris", "2024-06-10", "kids"), customer("home", "Riga", "2024-06-11", "home"),
                customer("old", "Paris", "2023-01-10", "kids"));
        // the oracle written out above is the reference evaluator's answer too
        assertThat(population.stream().filter(check(rule)::matches).map(s -> s.history().id().value()).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        assertThat(RuleSubjectRows.membersOfParent(check(rule), AS_OF, true)).isEqualTo(expected);
        assertThat(RuleSubjectRows.membersOfParent(check(rule), AS_OF, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: asked of all the members at once")
    @ValueSource(strings = {"count(orders where category = \"kids\" within 180 days) >= 1 and city = \"Paris\"",
            "count(orders within 180 days) >= 1", "city = \"Paris\" and (count(orders) > 0 and frequency >= 1)"})
    void aConjunctAtLeastOneIsAskedOfAllTheMembersAtOnce(String rule) {
        String sql = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(), null, true).sql();

        assertThat(sql).contains("a.customer_key = any(array(select distinct o.customer_key from orders o where o.customer_key = "
                + "any(array(select m.customer_key from run_assignments m where m.run_id = ?::bigint and m.segment_key = ?::text))")
                .doesNotContain("exists");
        // a preview keeps its probe per member
        assertThat(RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of()).sql()).contains("exists (select 1")
                .doesNotContain("any(array(");
    }

    /**
     * Session 60: a comparison of an aggregate that a member without any such item cannot meet (0 for a count, a sum or a
     * distinct count, missing for an average), as a conjunct, is asked of all the members at once: the keys of those
     * whose items, grouped by customer, meet it.
     */
    @ParameterizedTest(name = "{0}: grouped for all the members at once")
    @CsvSource(delimiter = '|', textBlock = """
            sum(orders.amount within 365 days) > 200                       | coalesce(sum(o.total), 0) >
            sum(orders.amount) > 5 and city = "Paris"                      | coalesce(sum(o.total), 0) >
            count(orders) >= 2                                              | count(*)::numeric >=
            count(orders where category = "kids") = 1                       | count(*)::numeric =
            sum(orders.amount) != 0                                         | coalesce(sum(o.total), 0) <>
            avg(orders.amount) < 10                                          | round(avg(
            count(orders where category = "kids" or amount > 5) >= 2        | count(distinct o.order_key)::numeric >=
            """)
    void aComparisonNoCustomerWithoutItemsMeetsIsGroupedForAllTheMembers(String rule, String value) {
        String sql = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(), null, true).sql();

        assertThat(sql).contains("a.customer_key = any(array(select o.customer_key from orders o")
                .contains("where o.customer_key = any(array(select m.customer_key from run_assignments m where m.run_id = ?::bigint and m.segment_key = ?::text))")
                .contains(" group by o.customer_key having coalesce((" + value)
                .doesNotContain("(select coalesce(sum").doesNotContain("(select count");
        // a preview keeps its subquery per member
        assertThat(RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of()).sql()).doesNotContain("group by");
    }

    /** A member without items would meet these (a count or sum of 0 below or equal to the bound), or they are not conjuncts. */
    @ParameterizedTest(name = "{0}: a subquery per member")
    @ValueSource(strings = {"sum(orders.amount) < 5", "count(orders) <= 1", "sum(orders.amount) = 0", "count(orders) != 2",
            "sum(orders.amount) >= -1", "not (sum(orders.amount) > 5)", "sum(orders.amount) > 5 or city = \"Paris\""})
    void aComparisonAMemberWithoutItemsMayMeetKeepsItsSubquery(String rule) {
        String sql = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(), null, true).sql();

        assertThat(sql).doesNotContain("group by").contains("o.customer_key = a.customer_key");
    }

    @ParameterizedTest(name = "{0}: one probe per member")
    @ValueSource(strings = {"not (count(orders where category = \"kids\") >= 1)", "count(orders) >= 1 or city = \"Paris\"",
            "count(orders where category = \"kids\") = 0", "not (city = \"Riga\" and count(orders) >= 1)"})
    void anAtLeastOneInsideAnOrOrANotKeepsItsProbe(String rule) {
        String sql = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(), null, true).sql();

        assertThat(sql).contains("exists (select 1").doesNotContain("any(array(");
    }

    /** A half's members: the parent's members of the half's key range only. */
    @ParameterizedTest(name = "a half from key {0}")
    @ValueSource(longs = {1, 1_000})
    void aHalfAsksItsOwnMembers(long from) {
        String sql = RuleSql.membersOf(check("count(orders) >= 1"), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(),
                new MembershipHalves.KeyRange(from, from + 500), true).sql();

        assertThat(sql).contains("from run_assignments m where m.run_id = ?::bigint and m.segment_key = ?::text and m.customer_key >= " + from
                + " and m.customer_key < " + (from + 500) + "))");
    }

    private static CheckedRule check(String rule) {
        return RuleArbitraries.CATALOGUE.check(rule);
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
