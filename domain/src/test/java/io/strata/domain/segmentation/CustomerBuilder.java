package io.strata.domain.segmentation;

import io.strata.domain.behaviour.Event;
import io.strata.domain.customer.Customer;
import io.strata.domain.history.CustomerHistory;
import io.strata.domain.customer.CustomerId;
import io.strata.domain.ordering.OrderLine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds a customer's history for tests: orders on a date at noon UTC, line amounts as text. */
final class CustomerBuilder {

    private final CustomerId id;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<OrderLine> lines = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private int orders;

    private CustomerBuilder(String id) {
        this.id = new CustomerId(id);
    }

    static CustomerBuilder customer(String id) {
        return new CustomerBuilder(id);
    }

    /** One order on {@code date} (noon UTC) with one line per amount. */
    CustomerBuilder order(String date, String... lineAmounts) {
        return orderAt(LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC), null, lineAmounts);
    }

    CustomerBuilder orderAt(Instant at, String category, String... lineAmounts) {
        String orderId = id + "-o" + (++orders);
        for (String amount : lineAmounts) {
            lines.add(new OrderLine(orderId, id, at, new BigDecimal(amount), null, category, null, null));
        }
        return this;
    }

    /** One order on {@code date} whose lines are in {@code categories}, each line 10. */
    CustomerBuilder orderIn(String date, String... categories) {
        String orderId = id + "-o" + (++orders);
        Instant at = LocalDate.parse(date).atTime(12, 0).toInstant(ZoneOffset.UTC);
        for (String category : categories) {
            lines.add(new OrderLine(orderId, id, at, BigDecimal.TEN, null, category, null, null));
        }
        return this;
    }

    CustomerBuilder attribute(String name, String value) {
        attributes.put(name, value);
        return this;
    }

    CustomerBuilder event(String type, String date) {
        events.add(new Event(null, id, type, LocalDate.parse(date).atTime(9, 0).toInstant(ZoneOffset.UTC), Map.of()));
        return this;
    }

    CustomerHistory build() {
        return new CustomerHistory(new Customer(id, Map.of(), attributes), lines, events);
    }
}
