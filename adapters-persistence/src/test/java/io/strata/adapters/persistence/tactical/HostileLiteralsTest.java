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
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Valid rules whose literals would break SQL built by pasting text (quotes, an injection, LIKE's {@code %} and
 * {@code _}, backslashes, letters outside ASCII, an emoji) select exactly the customers written out below, in
 * PostgreSQL and in the reference evaluator. Each customer holds one such text, and one holds a near miss that a
 * literal read as a pattern would also select.
 */
class HostileLiteralsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");
    private static final Instant LAST_WEEK = Instant.parse("2024-06-23T12:00:00Z");

    private static final List<RuleSubject> CUSTOMERS = List.of(
            customer("c-quote", "O'Brien's", "x' or '1'='1", "kids' toys", "1.1.1.1"),
            customer("c-percent", "100%", "%", "50%_off", "2.2.2.2"),
            customer("c-underscore", "a_b", "_", "toys", "1_1"),
            customer("c-backslash", "back\\slash", "\\", "books", "3.3.3.3"),
            customer("c-zurich", "Zürich", "\uD83D\uDCFA tv", "kids", "4.4.4.4"),
            customer("x' or '1'='1", "Riga", "web", "kids", "5.5.5.5"),
            // the near miss: what "a_%", "%\%" or "50%_%" as LIKE patterns would also select
            customer("c-plain", "ab", "abc", "50 and more", "1.1"));

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("city = \"O'Brien's\"", List.of("c-quote")),
                Arguments.of("city contains \"'\"", List.of("c-quote")),
                Arguments.of("not (city contains \"'\")", List.of("c-backslash", "c-percent", "c-plain", "c-underscore", "c-zurich",
                        "x' or '1'='1")),
                Arguments.of("city = \"x' or '1'='1\"", List.of()),
                Arguments.of("customer_id = \"x' or '1'='1\"", List.of("x' or '1'='1")),
                Arguments.of("customer_id in (\"x' or '1'='1\", \"c-quote\")", List.of("c-quote", "x' or '1'='1")),
                Arguments.of("city contains \"%\"", List.of("c-percent")),
                Arguments.of("city = \"%\"", List.of()),
                Arguments.of("device = \"%\"", List.of("c-percent")),
                Arguments.of("device != \"%\"", List.of("c-backslash", "c-plain", "c-quote", "c-underscore", "c-zurich", "x' or '1'='1")),
                Arguments.of("city starts_with \"a_\"", List.of("c-underscore")),
                Arguments.of("device = \"_\"", List.of("c-underscore")),
                Arguments.of("city contains \"\\\\\"", List.of("c-backslash")),
                Arguments.of("device = \"\\\\\"", List.of("c-backslash")),
                Arguments.of("city in (\"Zürich\", \"a_b\")", List.of("c-underscore", "c-zurich")),
                Arguments.of("city contains \"ü\"", List.of("c-zurich")),
                Arguments.of("device = \"\uD83D\uDCFA tv\"", List.of("c-zurich")),
                Arguments.of("device starts_with \"\\uD83D\\uDCFA\"", List.of("c-zurich")),
                Arguments.of("device contains \"' or '\"", List.of("c-quote")),
                Arguments.of("count(orders where category = \"kids' toys\") >= 1", List.of("c-quote")),
                Arguments.of("count(orders where category starts_with \"50%_\") >= 1", List.of("c-percent")),
                Arguments.of("count(events \"session\" where ip contains \"_\") >= 1", List.of("c-underscore")),
                Arguments.of("count(events \"session\" where ip in (\"1.1\", \"1_1\")) >= 1", List.of("c-plain", "c-underscore")));
    }

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(CUSTOMERS, AS_OF);
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @MethodSource("rules")
    void aRuleWithHostileLiteralsSelectsExactlyTheCustomersWrittenOutInSqlAndInTheReference(String text, List<String> expected)
            throws SQLException {
        CheckedRule rule = RuleArbitraries.CATALOGUE.check(text);

        assertThat(RuleSubjectRows.members(rule, AS_OF)).as("SQL").containsExactlyElementsOf(new TreeSet<>(expected));
        TreeSet<String> matched = CUSTOMERS.stream().filter(rule::matches).map(s -> s.history().id().value())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(matched).as("reference").containsExactlyElementsOf(new TreeSet<>(expected));
    }

    private static RuleSubject customer(String id, String city, String device, String category, String ip) {
        CustomerId customerId = new CustomerId(id);
        Customer customer = new Customer(customerId, Map.of(ProfileField.CITY, city), Map.of("device", device));
        OrderLine line = new OrderLine("o1", customerId, LAST_WEEK, new BigDecimal("10.00"), BigDecimal.ONE, category, null, null);
        Event session = new Event(null, customerId, "session", LAST_WEEK, Map.of("ip", ip));
        return RuleSubject.of(new CustomerHistory(customer, List.of(line), List.of(session)), AS_OF, 3, 3, 3);
    }
}
