package io.strata.application.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

public record OrderView(String orderId, Instant orderedAt, BigDecimal total, int lines, List<String> categories) {
}
