package io.strata.application.imports;

import io.strata.domain.customer.CustomerId;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One row per order line: order_id, customer_id, ordered_at and amount are required. */
final class OrderLineRowReader implements RowReader<OrderLineRow> {

    static final List<String> REQUIRED = List.of("order_id", "customer_id", "ordered_at", "amount");

    OrderLineRowReader(Optional<SourceHeader> fixedHeader) {
        fixedHeader.ifPresent(header -> Headers.require(header, REQUIRED, "an orders file"));
    }

    @Override
    public Result<OrderLineRow> read(SourceRow row) {
        List<RowError> errors = new ArrayList<>(0);
        Cells cells = new Cells(row, errors);
        String orderId = cells.required("order_id", 64);
        String customerId = cells.required("customer_id", CustomerId.MAX_LENGTH);
        Instant orderedAt = cells.requiredInstant("ordered_at");
        BigDecimal amount = cells.decimal("amount", true);
        BigDecimal quantity = cells.decimal("quantity", false);
        String category = cells.optional("category", 200);
        String sku = cells.optional("sku", 200);
        String channel = cells.optional("channel", 100);
        if (!errors.isEmpty()) {
            return Result.invalid(errors, orderId);
        }
        return Result.valid(new OrderLineRow(row.line(), orderId, customerId, orderedAt, amount, quantity, category, sku, channel));
    }
}
