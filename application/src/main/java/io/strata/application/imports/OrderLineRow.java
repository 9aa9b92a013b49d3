package io.strata.application.imports;

import java.math.BigDecimal;
import java.time.Instant;

/** A validated order line as it goes to staging. */
public record OrderLineRow(long line, String orderId, String customerId, Instant orderedAt, BigDecimal amount,
                           BigDecimal quantity, String category, String sku, String channel) {
}
