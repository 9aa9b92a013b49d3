package io.strata.application.imports;

import java.math.BigDecimal;
import java.time.Instant;

/** A validated order line as it goes to staging; {@code orderedAtText} is ordered_at as sent, for errors found later. */
public record OrderLineRow(long line, String orderId, String customerId, Instant orderedAt, BigDecimal amount,
                           BigDecimal quantity, String category, String sku, String channel, String orderedAtText) {
}
