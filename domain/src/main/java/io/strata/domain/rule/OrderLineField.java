package io.strata.domain.rule;

import io.strata.domain.customer.FieldType;
import io.strata.domain.ordering.OrderLine;

import java.util.Locale;
import java.util.function.Function;

/** The order line fields that {@code orders.<field>} and an orders aggregate's {@code where} can name. */
public enum OrderLineField implements RuleField {
    CATEGORY(FieldType.TEXT, OrderLine::category),
    SKU(FieldType.TEXT, OrderLine::sku),
    CHANNEL(FieldType.TEXT, OrderLine::channel),
    AMOUNT(FieldType.NUMBER, OrderLine::amount),
    QUANTITY(FieldType.NUMBER, OrderLine::quantity);

    private final FieldType type;
    private final Function<OrderLine, Object> reading;

    OrderLineField(FieldType type, Function<OrderLine, Object> reading) {
        this.type = type;
        this.reading = reading;
    }

    @Override
    public String fieldName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
        return visitor.orderLineField(this);
    }

    @Override
    public FieldType type() {
        return type;
    }

    /** The line's value (String or BigDecimal), or {@code null} when absent or empty text. */
    public Object valueIn(OrderLine line) {
        Object value = reading.apply(line);
        return "".equals(value) ? null : value;
    }
}
