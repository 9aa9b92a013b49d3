package io.strata.domain.history;

import io.strata.domain.customer.CustomerId;
import io.strata.domain.customer.Customer;
import io.strata.domain.behaviour.Event;
import io.strata.domain.ordering.OrderLine;

import java.util.List;
import java.util.Objects;

/**
 * Everything Strata knows of one customer: profile, order lines and events. The domain's reference
 * evaluators read this; the database engine computes the same answers set-based.
 */
public record CustomerHistory(Customer customer, List<OrderLine> orderLines, List<Event> events) {

    public CustomerHistory {
        Objects.requireNonNull(customer, "customer");
        orderLines = List.copyOf(orderLines);
        events = List.copyOf(events);
        for (OrderLine line : orderLines) {
            if (!line.customerId().equals(customer.id())) {
                throw new IllegalArgumentException("order line " + line.orderId() + " belongs to " + line.customerId()
                        + ", not to " + customer.id());
            }
        }
        for (Event event : events) {
            if (!event.customerId().equals(customer.id())) {
                throw new IllegalArgumentException("event of " + event.customerId() + " given to " + customer.id());
            }
        }
    }

    public CustomerId id() {
        return customer.id();
    }
}
