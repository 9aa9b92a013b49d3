package io.strata.domain.ordering;

import io.strata.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of an order. {@code amount} is the line's total exactly as sent (up to 4 decimal places);
 * a negative amount is a return or refund.
 */
public record OrderLine(String orderId, CustomerId customerId, Instant orderedAt, BigDecimal amount,
                        BigDecimal quantity, String category, String sku, String channel) {

    public static final int MAX_SCALE = 4;
    public static final int MAX_ORDER_ID_LENGTH = 64;

    public OrderLine {
        Objects.requireNonNull(orderId, "order_id");
        Objects.requireNonNull(customerId, "customer_id");
        Objects.requireNonNull(orderedAt, "ordered_at");
        Objects.requireNonNull(amount, "amount");
        if (orderId.isBlank() || CustomerId.characters(orderId) > MAX_ORDER_ID_LENGTH) {
            throw new IllegalArgumentException("order_id must have 1 to " + MAX_ORDER_ID_LENGTH + " characters");
        }
        if (amount.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more than " + MAX_SCALE + " decimal places");
        }
    }

    public static OrderLine of(String orderId, String customerId, Instant orderedAt, String amount) {
        return new OrderLine(orderId, new CustomerId(customerId), orderedAt, new BigDecimal(amount), null, null, null, null);
    }

    public OrderLine withCategory(String newCategory) {
        return new OrderLine(orderId, customerId, orderedAt, amount, quantity, newCategory, sku, channel);
    }
}
