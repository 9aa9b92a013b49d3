package io.strata.application.customer.port.in;

import io.strata.application.customer.EventView;
import io.strata.application.customer.OrderView;
import java.util.List;
import io.strata.domain.customer.Customer;
import io.strata.domain.customer.CustomerId;

import java.util.Optional;

/** In-port: look at the customer base. */
public interface BrowseCustomers {

    long countCustomers();

    Optional<Customer> customer(CustomerId id);

    /** The customer's latest orders, newest first, at most {@code limit}. */
    List<OrderView> recentOrders(CustomerId id, int limit);

    /** The customer's latest events, newest first, at most {@code limit}. */
    List<EventView> recentEvents(CustomerId id, int limit);
}
