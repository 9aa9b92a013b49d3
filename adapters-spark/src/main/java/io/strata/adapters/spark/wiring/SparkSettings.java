package io.strata.adapters.spark.wiring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code strata.spark.*} ({@code STRATA_SPARK_MASTER}, …), read only when {@code strata.engine=spark}
 * ({@code STRATA_ENGINE=spark}) and this module is on the class path.
 *
 * @param master        where runs go: local[*] (in the application's JVM, every core), local[2], spark://host:7077
 * @param partitions    JDBC read partitions per table, and Spark's shuffle partitions
 * @param lake          a Parquet lake root (docs/scale-out.md); empty reads Strata's PostgreSQL
 */
@ConfigurationProperties("strata.spark")
public record SparkSettings(String master, Integer partitions, String lake) {

    public SparkSettings {
        master = master == null || master.isBlank() ? "local[*]" : master;
        partitions = partitions == null ? Math.max(2, Runtime.getRuntime().availableProcessors()) : partitions;
        lake = lake == null ? "" : lake;
        if (partitions < 1) {
            throw new IllegalArgumentException("strata.spark.partitions must be at least 1, not " + partitions);
        }
    }
}
