package io.strata.application.customer.port.out;

import io.strata.application.customer.EventView;
import io.strata.application.customer.OrderView;
import io.strata.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Out-port: a customer's latest orders and events, newest first. */
public interface CustomerActivity {

    List<OrderView> recentOrders(CustomerId customer, int limit);

    List<EventView> recentEvents(CustomerId customer, int limit);
}
