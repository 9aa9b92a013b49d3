package io.strata.adapters.spark.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Facts read from Strata's PostgreSQL by partitioned JDBC reads: each view is split into {@code partitions} ranges of
 * its key, each range read by one task over its own connection. Orders and events after the run's day stay in the
 * database (the filter is part of each read).
 */
public final class JdbcFacts implements FactSource {

    private final DatabaseAddress database;
    private final int partitions;

    public JdbcFacts(DatabaseAddress database, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("JDBC reads need at least one partition, not " + partitions);
        }
        this.database = database;
        this.partitions = partitions;
    }

    @Override
    public void register(SparkSession spark, LocalDate asOf) {
        // the end instant comes from a LocalDate, never from user text
        String end = "timestamptz '" + asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() + "'";
        read(spark, FactViews.CUSTOMERS, "select customer_key, customer_id, email, phone, first_name, last_name, birth_date, gender, city, "
                + "region, country, signup_date, email_opt_in, sms_opt_in, push_opt_in, attributes::text as attributes from customers",
                "customer_key", "customers");
        read(spark, FactViews.ORDERS, "select order_key, customer_key, ordered_at, total from orders where ordered_at < " + end,
                "customer_key", "customers");
        read(spark, FactViews.ORDER_LINES, "select l.order_key, l.amount, l.quantity, l.category, l.sku, l.channel from order_lines l "
                + "join orders o on o.order_key = l.order_key where o.ordered_at < " + end, "order_key", "orders");
        read(spark, FactViews.EVENTS, "select customer_key, event_type, occurred_at, properties::text as properties from events "
                + "where occurred_at < " + end, "customer_key", "customers");
    }

    /** Reads one view split on {@code key}, whose range is taken from {@code keyTable}. */
    private void read(SparkSession spark, FactViews view, String select, String key, String keyTable) {
        long[] range = range(key, keyTable);
        Dataset<Row> rows = spark.read().option("fetchsize", "10000")
                .jdbc(database.url(), "(" + select + ") as " + view.view(), key, range[0], range[1] + 1, partitions, database.properties());
        rows.createOrReplaceTempView(view.view());
    }

    private long[] range(String key, String table) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select coalesce(min(" + key + "), 0), coalesce(max(" + key + "), 0) from " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the key range of " + table + " from " + database.url() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "PostgreSQL at " + database.url() + " (" + partitions + " partitions per table)";
    }
}
