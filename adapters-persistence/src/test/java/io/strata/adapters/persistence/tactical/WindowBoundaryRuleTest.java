package io.strata.adapters.persistence.tactical;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.RuleArbitraries;
import io.strata.domain.rule.RuleSubject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first and last instants of a {@code within N days} window (docs/rule-language.md: timestamps ≥ (D − N) 00:00Z
 * and &lt; (D + 1) 00:00Z). The generated properties draw times that seldom land on a boundary, so a window start made
 * exclusive passed them; here every customer has one order and one event on or next to a boundary. As of 2024-06-30,
 * within 10 days: the window opens at 2024-06-20T00:00:00Z. {@code opening} buys and opens an email at that very
 * instant, {@code justBefore} one microsecond earlier, {@code closing} at 2024-06-30T23:59:59.999999Z, the last instant
 * of the as-of day. Members worked out by hand; the reference evaluator must agree with them too.
 */
class WindowBoundaryRuleTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private static final List<RuleSubject> POPULATION = List.of(
            subject("opening", "2024-06-20T00:00:00Z"),
            subject("justBefore", "2024-06-19T23:59:59.999999Z"),
            subject("closing", "2024-06-30T23:59:59.999999Z"));

    @BeforeAll
    static void load() throws SQLException {
        RuleSubjectRows.load(POPULATION, AS_OF);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', textBlock = """
            count(orders within 10 days) >= 1                            | opening closing
            count(orders within 10 days) = 0                             | justBefore
            count(orders where category = "kids" within 10 days) >= 1    | opening closing
            sum(orders.amount within 10 days) > 0                        | opening closing
            count(events "email_open" within 10 days) >= 1               | opening closing
            count(events "email_open" within 10 days) = 0                | justBefore
            count(orders within 11 days) >= 1                            | opening justBefore closing
            """)
    void theWindowHoldsItsFirstInstantAndTheWholeAsOfDay(String rule, String members) throws SQLException {
        CheckedRule checked = RuleArbitraries.CATALOGUE.check(rule);
        List<String> expected = Arrays.stream(members.split(" ")).sorted().toList();

        assertThat(RuleSubjectRows.members(checked, AS_OF).stream().sorted().toList()).as("SQL").isEqualTo(expected);
        assertThat(POPULATION.stream().filter(checked::matches).map(s -> s.history().customer().id().value()).sorted().toList())
                .as("reference evaluator").isEqualTo(expected);
    }

    private static RuleSubject subject(String id, String at) {
        CustomerId customer = new CustomerId(id);
        Instant instant = Instant.parse(at);
        OrderLine line = new OrderLine(id + "-o", customer, instant, BigDecimal.TEN, BigDecimal.ONE, "kids", null, "web");
        Event open = new Event(id + "-e", customer, "email_open", instant, Map.of());
        return RuleSubject.of(new CustomerHistory(new Customer(customer, Map.of(), Map.of()), List.of(line), List.of(open)), AS_OF, 3, 3, 3);
    }
}
