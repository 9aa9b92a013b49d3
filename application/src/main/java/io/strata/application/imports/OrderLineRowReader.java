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

    private static final int ORDER_ID = 0;
    private static final int CUSTOMER_ID = 1;
    private static final int ORDERED_AT = 2;
    private static final int AMOUNT = 3;
    private static final int QUANTITY = 4;
    private static final int CATEGORY = 5;
    private static final int SKU = 6;
    private static final int CHANNEL = 7;
    private final ReadColumns columns = new ReadColumns(
            List.of("order_id", "customer_id", "ordered_at", "amount", "quantity", "category", "sku", "channel"));

    private final AcceptedDates dates;

    OrderLineRowReader(Optional<SourceHeader> fixedHeader, AcceptedDates dates) {
        this.dates = dates;
        fixedHeader.ifPresent(header -> Headers.require(header, REQUIRED, "an orders file"));
    }

    @Override
    public String unitOf(SourceRow row) {
        return row.get("order_id");
    }

    @Override
    public Result<OrderLineRow> read(SourceRow row) {
        List<RowError> errors = new ArrayList<>(0);
        Cells cells = new Cells(row, errors, columns, dates);
        String orderId = cells.required(ORDER_ID, 64);
        String customerId = cells.required(CUSTOMER_ID, CustomerId.MAX_LENGTH);
        Instant orderedAt = cells.requiredInstant(ORDERED_AT);
        BigDecimal amount = cells.decimal(AMOUNT, true);
        BigDecimal quantity = cells.decimal(QUANTITY, false);
        String category = cells.optional(CATEGORY, 200);
        String sku = cells.optional(SKU, 200);
        String channel = cells.optional(CHANNEL, 100);
        if (!errors.isEmpty()) {
            return Result.invalid(errors, orderId);
        }
        return Result.valid(new OrderLineRow(row.line(), orderId, customerId, orderedAt, amount, quantity, category, sku, channel,
                cells.text(ORDERED_AT)));
    }
}
