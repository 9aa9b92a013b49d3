package io.strata.application.customer;

import io.strata.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Out-port and in-port alike: a customer's latest orders and events, newest first, for the console's customer page. */
public interface CustomerActivity {

    List<OrderView> recentOrders(CustomerId customer, int limit);

    List<EventView> recentEvents(CustomerId customer, int limit);

    record OrderView(String orderId, Instant orderedAt, BigDecimal total, int lines, List<String> categories) {
    }

    record EventView(String type, Instant occurredAt, Map<String, String> properties) {
    }
}
