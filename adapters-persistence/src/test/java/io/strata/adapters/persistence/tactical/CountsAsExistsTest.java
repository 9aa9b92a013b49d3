package io.strata.adapters.persistence.tactical;

import io.strata.domain.behaviour.Event;
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
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A count compared only for "none" or "at least one" compiles to EXISTS; every bound around 0 and 1 selects what a
 * count would. Four customers, as of 2024-06-30: {@code none} (no orders, no events), {@code one-kids} (one order with
 * a kids line and one home order in June, a session per order), {@code two-kids} (two kids orders in June, two
 * sessions) and {@code old-kids} (one kids order in 2023, outside every window, no events). Members worked out by hand.
 */
class CountsAsExistsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    @BeforeEach
    void load() throws SQLException {
        RuleSubjectRows.load(List.of(customer("none"), customer("one-kids", "2024-06-10:kids", "2024-06-11:home"),
                customer("two-kids", "2024-06-10:kids", "2024-06-12:kids"), customer("old-kids", "2023-01-10:kids")), AS_OF);
    }

    @ParameterizedTest(name = "{0} selects [{1}]")
    @CsvSource(delimiter = '|', value = {
            "count(orders where category = \"kids\" within 180 days) >= 1   | one-kids two-kids",
            "count(orders where category = \"kids\" within 180 days) > 0    | one-kids two-kids",
            "count(orders where category = \"kids\" within 180 days) > 0.5  | one-kids two-kids",
            "count(orders where category = \"kids\" within 180 days) > 1    | two-kids",
            "count(orders where category = \"kids\" within 180 days) >= 2   | two-kids",
            "count(orders where category = \"kids\" within 180 days) >= 0.5 | one-kids two-kids",
            "count(orders where category = \"kids\" within 180 days) = 0    | none old-kids",
            "count(orders where category = \"kids\" within 180 days) = 1    | one-kids",
            "count(orders where category = \"kids\" within 180 days) < 1    | none old-kids",
            "count(orders where category = \"kids\" within 180 days) <= 0   | none old-kids",
            "count(orders where category = \"kids\" within 180 days) <= 1   | none old-kids one-kids",
            "count(orders where category = \"kids\") >= 1                   | one-kids two-kids old-kids",
            "count(orders) >= 1                                           | one-kids two-kids old-kids",
            "count(orders) = 0                                            | none",
            "not (count(orders) > 0)                                      | none",
            "count(orders within 180 days) > 1                            | one-kids two-kids",
            "count(events \"session\" within 30 days) >= 1                  | one-kids two-kids",
            "count(events \"session\") < 1                                  | none old-kids",
            "count(events \"session\" within 30 days) > 1                   | one-kids two-kids",
            "count(events \"session\" where minutes = \"2\") >= 1            | one-kids two-kids"})
    void aCountAgainstNoneOrOneSelectsWhatTheCountWould(String rule, String members) throws SQLException {
        List<String> selected = RuleSubjectRows.members(RuleArbitraries.CATALOGUE.check(rule), AS_OF).stream().sorted().toList();

        assertThat(selected).isEqualTo(Arrays.stream(members.split(" ")).filter(m -> !m.isEmpty()).sorted().toList());
    }

    /** One single-line order per "day:category", each with a session whose minutes number the orders from 1. */
    private static RuleSubject customer(String id, String... orders) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < orders.length; i++) {
            String[] order = orders[i].split(":");
            Instant at = Instant.parse(order[0] + "T12:00:00Z");
            lines.add(new OrderLine(id + "-o" + i, customerId, at, BigDecimal.TEN, BigDecimal.ONE, order[1], null, "web"));
            if (at.isAfter(Instant.parse("2024-01-01T00:00:00Z"))) {
                events.add(new Event(null, customerId, "session", at, Map.of("minutes", String.valueOf(i + 1))));
            }
        }
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(), Map.of()), lines, events), AS_OF, 3, 3, 3);
    }
}
