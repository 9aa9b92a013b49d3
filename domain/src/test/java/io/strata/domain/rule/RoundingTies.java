package io.strata.domain.rule;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.ordering.OrderLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Customers whose averages fall exactly halfway between two 4-place values, so that half-up (the contract) and
 * half-even (Java's other habit) round them differently. Each buys two one-line orders in June 2024 and has two
 * sessions whose {@code minutes} are the same two amounts:
 * <ul>
 *   <li>{@code tie-up}: 0.0002 and 0.0003, average 0.00025: half-up 0.0003, half-even 0.0002;</li>
 *   <li>{@code tie-odd}: 0.0001 and 0.0002, average 0.00015: 0.0002 either way;</li>
 *   <li>{@code tie-negative}: -0.0002 and -0.0003, average -0.00025: half-up -0.0003, half-even -0.0002 (no purchases:
 *       both orders are returns, so no average order value);</li>
 *   <li>{@code no-tie}: 0.0002 and 0.0004, average exactly 0.0003.</li>
 * </ul>
 */
public final class RoundingTies {

    public static final LocalDate AS_OF = LocalDate.parse("2024-06-30");

    private RoundingTies() {
    }

    public static List<RuleSubject> customers() {
        return List.of(customer("tie-up", "0.0002", "0.0003"), customer("tie-odd", "0.0001", "0.0002"),
                customer("tie-negative", "-0.0002", "-0.0003"), customer("no-tie", "0.0002", "0.0004"));
    }

    private static RuleSubject customer(String id, String... amounts) {
        CustomerId customerId = new CustomerId(id);
        List<OrderLine> lines = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            Instant at = Instant.parse("2024-06-1" + i + "T12:00:00Z");
            lines.add(new OrderLine("o" + i, customerId, at, new BigDecimal(amounts[i]), BigDecimal.ONE, "kids", null, "web"));
            events.add(new Event(null, customerId, "session", at, Map.of("minutes", amounts[i])));
        }
        return RuleSubject.of(new CustomerHistory(new Customer(customerId, Map.of(), Map.of()), lines, events), AS_OF, 3, 3, 3);
    }
}
