package io.strata.adapters.persistence.tactical;

import io.strata.domain.behaviour.Event;
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
 * Issue 19 item 2 (sessions 59 and 60): a run's tactical memberships ask an "at least one" count that is a conjunct of
 * the rule once for all the parent's members ({@code RuleSql.membersWithSome}: the keys of the members with such an
 * order, by one scan of the orders' index for all of them), and a conjunct comparison of an aggregate that a member
 * without items cannot meet grouped for all of them ({@code RuleSql.membersWhose}); the parent's members they search
 * are restricted by the rule's conjuncts on the assignment row alone (scores and metrics: {@code RuleSql.onAssignmentRow}).
 * Inside an {@code or} or a {@code not} the probe per member stays. Four customers of the run's parent, as of 2024-06-30
 * (lines on orders at 12:00Z):
 * <ul>
 * <li>{@code kids}: Paris, scores 3/3/3; order 2024-06-10 with a kids line of 10; a session of 15 minutes on 2024-06-25.
 *     Frequency 1, monetary 10, recency 20 days, tenure 20 days.</li>
 * <li>{@code home}: Riga, 3/3/3; order 2024-06-11 with a home line of 10; a session of 5 minutes on 2024-03-01.
 *     Frequency 1, monetary 10, recency 19, tenure 19.</li>
 * <li>{@code old}: Paris, 1/3/3; order 2023-01-10 with a kids line of 10; an email open on 2024-06-28.
 *     Frequency 1, monetary 10, recency 537, tenure 537.</li>
 * <li>{@code big}: Riga, 5/4/5; order {@code big-a} 2024-06-20 with a kids line of 2 and a home line of 6 (total 8),
 *     order {@code big-b} 2024-05-01 with a home line of 250; a session of 0 minutes on 2024-06-29. Frequency 2,
 *     monetary 258, average order value 129, recency 10, tenure 60.</li>
 * </ul>
 * Windows as of 2024-06-30: 30 days from 2024-05-31 (kids' and home's orders, {@code big-a}; kids' and big's sessions),
 * 180 days from 2024-01-02 (every order but old's; every session). Members worked out by hand.
 */
class TacticalMembersAtOnceTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private static final List<RuleSubject> POPULATION = List.of(
            subject("kids", "Paris", 3, List.of(line("kids-o", "2024-06-10", "10", "kids")), List.of(session("kids", "2024-06-25", "15"))),
            subject("home", "Riga", 3, List.of(line("home-o", "2024-06-11", "10", "home")), List.of(session("home", "2024-03-01", "5"))),
            subject("old", "Paris", 1, List.of(line("old-o", "2023-01-10", "10", "kids")),
                    List.of(new Event("old-e", new CustomerId("old"), "email_open", Instant.parse("2024-06-28T12:00:00Z"), Map.of("campaign", "summer")))),
            RuleSubject.of(history("big", "Riga", List.of(line("big-a", "2024-06-20", "2", "kids"), line("big-a", "2024-06-20", "6", "home"),
                    line("big-b", "2024-05-01", "250", "home")), List.of(session("big", "2024-06-29", "0"))), AS_OF, 5, 4, 5));

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(POPULATION, AS_OF);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            count(orders where category = "kids" within 180 days) >= 1                            | kids big
            count(orders where category = "kids") >= 1                                           | kids old big
            count(orders within 180 days) >= 1 and frequency >= 1                                 | kids home big
            count(orders where category = "kids") > 0 and city = "Paris"                          | kids old
            count(orders where category = "kids") >= 1 and count(orders within 180 days) >= 1    | kids big
            count(orders where category = "home") >= 1 and city = "Paris"                         |
            count(orders where category = "kids" within 180 days) >= 1 and city = "Riga"          | big
            not (count(orders where category = "kids") >= 1)                                      | home
            count(orders where category = "home") >= 1 or city = "Paris"                          | home kids old big
            count(orders where category = "kids") = 0                                             | home
            count(events "session" within 30 days) >= 1                                           | kids big
            count(events "email_open") >= 1                                                       | old
            sum(orders.amount within 180 days) > 5                                                | kids home big
            sum(orders.amount within 180 days) > 5 and city = "Paris"                             | kids
            sum(orders.amount) >= 10 and sum(orders.amount) <= 10                                 | kids home old
            sum(orders.amount within 180 days) < 5                                                | old
            sum(orders.amount within 180 days) = 0                                                | old
            sum(orders.amount within 180 days) != 0                                               | kids home big
            sum(orders.amount within 30 days) > 9                                                 | kids home
            sum(orders.amount within 30 days) = 8                                                 | big
            sum(orders.amount where category = "home" within 365 days) > 200                      | big
            count(orders where category = "kids") = 1 and frequency >= 1                          | kids old big
            count(orders where category = "kids") < 1                                             | home
            count(orders within 180 days) <= 1 and city = "Paris"                                 | kids old
            count(orders) >= 2                                                                    | big
            count(orders where category = "home" or amount > 1) = 2                               | big
            count(orders where amount > 1) >= 3                                                   |
            avg(orders.amount within 180 days) >= 10                                              | kids home big
            avg(orders.amount within 180 days) < 10                                               |
            avg(orders.amount within 30 days) < 10                                                | big
            distinct(orders.category) > 0                                                         | kids home old big
            distinct(orders.category) >= 2                                                        | big
            not (sum(orders.amount within 180 days) > 5)                                          | old
            sum(orders.amount within 180 days) > 5 or city = "Paris"                              | home kids old big
            sum(events "session".minutes) > 0                                                     | kids home
            sum(events "session".minutes within 30 days) > 0                                      | kids
            avg(events "session".minutes) < 10                                                    | home big
            count(events "session") = 1                                                           | kids home big
            monetary > 100 and sum(orders.amount within 180 days) > 5                             | big
            monetary < 100 and sum(orders.amount within 180 days) > 5                             | kids home
            monetary < 100 and sum(orders.amount within 180 days) > 5 and city = "Riga"           | home
            frequency >= 2 and count(orders) >= 2                                                 | big
            frequency < 2 and count(orders) >= 1                                                  | kids home old
            r >= 3 and count(orders where category = "kids") >= 1                                 | kids big
            recency_days > 100 and sum(orders.amount) > 5                                         | old
            (monetary > 100 or recency_days > 100) and sum(orders.amount) > 5                     | big old
            not (monetary > 100) and count(orders where category = "kids") = 1                    | kids old
            m = 5 and (avg_order_value > 100 and distinct(orders.category) >= 2)                  | big
            f between 3 and 3 and sum(events "session".minutes) > 0                               | kids home
            tenure_days > 100 and sum(orders.amount) > 5                                          | old
            """)
    void theMembershipsFormSelectsWhatTheReferenceMatches(String rule, String members) throws SQLException {
        Set<String> expected = members == null ? Set.of() : new TreeSet<>(Arrays.asList(members.split(" ")));
        // the oracle written out above is the reference evaluator's answer too
        assertThat(POPULATION.stream().filter(check(rule)::matches).map(s -> s.history().id().value()).toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        assertThat(RuleSubjectRows.membersOfParent(check(rule), AS_OF, true)).isEqualTo(expected);
        assertThat(RuleSubjectRows.membersOfParent(check(rule), AS_OF, false)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}: asked of all the members at once")
    @ValueSource(strings = {"count(orders where category = \"kids\" within 180 days) >= 1 and city = \"Paris\"",
            "count(orders within 180 days) >= 1", "city = \"Paris\" and (count(orders) > 0 and device != \"tv\")"})
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

    /**
     * Session 60 (finding 2): the conjuncts of the whole rule that read only the assignment row (scores and metrics, no
     * subquery, nothing of the customer's row) restrict the parent's members whose orders or events the grouped forms
     * search, compiled over {@code m}, the row of those members; as a preview does not search them, it is unchanged.
     */
    @ParameterizedTest(name = "{0}: the members searched restricted by [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            monetary > 5000 and sum(orders.amount within 30 days) > 100        | coalesce((m.monetary > ?::numeric), false)
            frequency >= 20 and count(orders) >= 3                             | coalesce((m.frequency::numeric >= ?::numeric), false)
            count(orders) >= 1 and r >= 4                                      | coalesce((m.r::numeric >= ?::numeric), false)
            city = "Paris" and (recency_days < 30 and count(orders) >= 2)      | coalesce((m.recency_days::numeric < ?::numeric), false)
            (monetary > 100 or f = 5) and count(orders) >= 2                   | (coalesce((m.monetary > ?::numeric), false) or coalesce((m.f::numeric = ?::numeric), false))
            not (m = 1) and count(orders) >= 2                                 | (not coalesce((m.m::numeric = ?::numeric), false))
            avg_order_value > 10 and count(orders) >= 2 and tenure_days > 30   | coalesce(((case when m.frequency > 0 then round(m.monetary / m.frequency, 4) end) > ?::numeric), false)
            """)
    void theConjunctsOnTheAssignmentRowRestrictTheMembersSearched(String rule, String restriction) {
        String sql = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(), null, true).sql();

        assertThat(sql).contains("any(array(select m.customer_key from run_assignments m where m.run_id = ?::bigint and m.segment_key = ?::text and "
                + restriction + "))");
        // the outer query keeps its own test of them, over a
        assertThat(sql.substring(sql.indexOf(" where a.run_id = "))).contains(restriction.replace("m.", "a."));
        assertThat(RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of()).sql()).doesNotContain("run_assignments m");
    }

    /** A conjunct with a subquery (tenure, categories), on the customer's row, or inside an {@code or} with one: not a restriction. */
    @ParameterizedTest(name = "{0}: all the parent's members searched")
    @ValueSource(strings = {"city = \"Paris\" and count(orders) >= 2", "tenure_days > 30 and count(orders) >= 2",
            "categories > 1 and count(orders) >= 2", "(monetary > 100 or city = \"Paris\") and count(orders) >= 2",
            "(monetary > 100 or count(orders) >= 5) and count(orders) >= 2", "p_alive > 0.5 and count(orders) >= 2"})
    void otherConjunctsDoNotRestrictTheMembersSearched(String rule) {
        String sql = RuleSql.membersOf(check(rule), AS_OF, RuleSubjectRows.RUN, "parent", Map.of(), null, true).sql();

        assertThat(sql).contains("any(array(select m.customer_key from run_assignments m where m.run_id = ?::bigint and m.segment_key = ?::text))");
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

    /** A line of {@code amount} in {@code category} on an order of {@code day} at 12:00Z; its customer is set by {@link #history}. */
    private static OrderLine line(String order, String day, String amount, String category) {
        return new OrderLine(order, new CustomerId("nobody"), Instant.parse(day + "T12:00:00Z"), new BigDecimal(amount), BigDecimal.ONE,
                category, null, "web");
    }

    private static OrderLine withCustomer(OrderLine line, String id) {
        return new OrderLine(line.orderId(), new CustomerId(id), line.orderedAt(), line.amount(), line.quantity(), line.category(), line.sku(),
                line.channel());
    }

    private static Event session(String id, String day, String minutes) {
        return new Event(id + "-s", new CustomerId(id), "session", Instant.parse(day + "T12:00:00Z"), Map.of("minutes", minutes));
    }

    private static CustomerHistory history(String id, String city, List<OrderLine> lines, List<Event> events) {
        CustomerId customerId = new CustomerId(id);
        return new CustomerHistory(new Customer(customerId, Map.of(ProfileField.CITY, city), Map.of()),
                lines.stream().map(l -> withCustomer(l, id)).toList(), events);
    }

    /** Scores {@code r}/3/3. */
    private static RuleSubject subject(String id, String city, int r, List<OrderLine> lines, List<Event> events) {
        return RuleSubject.of(history(id, city, lines, events), AS_OF, r, 3, 3);
    }
}
