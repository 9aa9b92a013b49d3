package io.strata.adapters.spark.source;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

import java.util.LinkedHashMap;
import java.util.Map;

/** The columns and types of the four fact views: the lake layout of docs/scale-out.md, and what the JDBC source reads. */
public enum FactViews {
    CUSTOMERS("customers", columns(
            "customer_key", DataTypes.LongType, "customer_id", DataTypes.StringType, "email", DataTypes.StringType,
            "phone", DataTypes.StringType, "first_name", DataTypes.StringType, "last_name", DataTypes.StringType,
            "birth_date", DataTypes.DateType, "gender", DataTypes.StringType, "city", DataTypes.StringType,
            "region", DataTypes.StringType, "country", DataTypes.StringType, "signup_date", DataTypes.DateType,
            "email_opt_in", DataTypes.BooleanType, "sms_opt_in", DataTypes.BooleanType, "push_opt_in", DataTypes.BooleanType,
            "attributes", DataTypes.StringType)),
    ORDERS("orders", columns(
            "order_key", DataTypes.LongType, "customer_key", DataTypes.LongType, "ordered_at", DataTypes.TimestampType,
            "total", DataTypes.createDecimalType(19, 4))),
    ORDER_LINES("order_lines", columns(
            "order_key", DataTypes.LongType, "amount", DataTypes.createDecimalType(19, 4), "quantity", DataTypes.createDecimalType(19, 4),
            "category", DataTypes.StringType, "sku", DataTypes.StringType, "channel", DataTypes.StringType)),
    EVENTS("events", columns(
            "customer_key", DataTypes.LongType, "event_type", DataTypes.StringType, "occurred_at", DataTypes.TimestampType,
            "properties", DataTypes.StringType));

    private final String view;
    private final Map<String, DataType> columns;

    FactViews(String view, Map<String, DataType> columns) {
        this.view = view;
        this.columns = columns;
    }

    public String view() {
        return view;
    }

    /** Column name to type, in the layout's order. */
    public Map<String, DataType> columns() {
        return columns;
    }

    public String columnList() {
        return String.join(", ", columns.keySet());
    }

    private static Map<String, DataType> columns(Object... pairs) {
        Map<String, DataType> columns = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            columns.put((String) pairs[i], (DataType) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(columns);
    }
}
