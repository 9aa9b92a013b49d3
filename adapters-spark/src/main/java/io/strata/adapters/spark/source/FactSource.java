package io.strata.adapters.spark.source;

import org.apache.spark.sql.SparkSession;

import java.time.LocalDate;

/**
 * Where a run's facts come from. Registers the views a compiled query reads, in the shape of Strata's tables:
 * {@code customers} (customer_key, customer_id, the profile columns, attributes as JSON text), {@code orders}
 * (order_key, customer_key, ordered_at, total), {@code order_lines} (order_key, amount, quantity, category, sku,
 * channel) and {@code events} (customer_key, event_type, occurred_at, properties as JSON text).
 */
public interface FactSource {

    /** Registers the views in this session; facts after the run's day may be left out (every query bounds them). */
    void register(SparkSession spark, LocalDate asOf);

    /** For messages: where the facts are read from. */
    String describe();
}
