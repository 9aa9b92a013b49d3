package io.strata.adapters.spark.source;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A lake directory is held to the layout before any work: a missing column or one of another type is refused naming
 * the path, the column and what the layout needs; more columns, and names in another case, are accepted. (A whole run
 * refused for a column's type, nothing of it kept: SparkRunFailuresTest; the job's run FAILED: SegmentationJobTest.)
 */
class ParquetLayoutTest {

    private static StructField column(String name, DataType type) {
        return new StructField(name, type, true, Metadata.empty());
    }

    @Test
    void ordersWithoutTheirTotalAreRefusedNamingTheColumnAndTheLayout() {
        StructField[] orders = {column("order_key", DataTypes.LongType), column("customer_key", DataTypes.LongType),
                column("ordered_at", DataTypes.TimestampType)};

        assertThatThrownBy(() -> ParquetFacts.check(FactViews.ORDERS, "/lake/orders", orders))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the Parquet files for orders at /lake/orders have no column 'total' (DECIMAL(19,4)); the layout needs "
                        + "order_key, customer_key, ordered_at, total (docs/scale-out.md)");
    }

    @Test
    void eventTimesStoredAsTextAreRefusedNamingTheTypeTheLayoutNeeds() {
        StructField[] events = {column("customer_key", DataTypes.LongType), column("event_type", DataTypes.StringType),
                column("occurred_at", DataTypes.StringType), column("properties", DataTypes.StringType)};

        assertThatThrownBy(() -> ParquetFacts.check(FactViews.EVENTS, "s3a://bucket/lake/events", events))
                .hasMessage("the Parquet files for events at s3a://bucket/lake/events have column 'occurred_at' as STRING, the layout "
                        + "needs TIMESTAMP (docs/scale-out.md)");
    }

    @Test
    void aTotalOfAnotherPrecisionIsNotTheLayoutsDecimal() {
        StructField[] orders = {column("order_key", DataTypes.LongType), column("customer_key", DataTypes.LongType),
                column("ordered_at", DataTypes.TimestampType), column("total", DataTypes.createDecimalType(10, 2))};

        assertThatThrownBy(() -> ParquetFacts.check(FactViews.ORDERS, "/lake/orders", orders))
                .hasMessage("the Parquet files for orders at /lake/orders have column 'total' as DECIMAL(10,2), the layout needs "
                        + "DECIMAL(19,4) (docs/scale-out.md)");
    }

    @Test
    void moreColumnsThanTheLayoutAndUpperCaseNamesAreAccepted() {
        StructField[] orders = {column("ORDER_KEY", DataTypes.LongType), column("customer_key", DataTypes.LongType),
                column("ordered_at", DataTypes.TimestampType), column("total", DataTypes.createDecimalType(19, 4)),
                column("store", DataTypes.StringType)};

        assertThatCode(() -> ParquetFacts.check(FactViews.ORDERS, "/lake/orders", orders)).doesNotThrowAnyException();
    }
}
