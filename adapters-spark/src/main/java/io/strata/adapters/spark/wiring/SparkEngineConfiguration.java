package io.strata.adapters.spark.wiring;

import com.zaxxer.hikari.HikariConfig;
import io.strata.adapters.spark.segmentation.SparkSegmentationEngine;
import io.strata.adapters.spark.segmentation.SparkSessions;
import io.strata.adapters.spark.sink.RunTables;
import io.strata.adapters.spark.source.DatabaseAddress;
import io.strata.adapters.spark.source.FactSource;
import io.strata.adapters.spark.source.JdbcFacts;
import io.strata.adapters.spark.source.ParquetFacts;
import io.strata.adapters.spark.tactical.SparkTacticalMembership;
import io.strata.application.segmentation.port.out.SegmentationEngine;
import io.strata.application.tactical.port.out.FieldCatalogues;
import io.strata.application.tactical.port.out.TacticalMembership;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import javax.sql.DataSource;

/**
 * With {@code STRATA_ENGINE=spark} and this module (and Spark) on the class path, runs go to Spark: its engine and its
 * tactical memberships are the primary ones, in-process (local[*] by default) or on the master of
 * {@code STRATA_SPARK_MASTER}. Without the setting nothing here exists and PostgreSQL runs everything.
 */
@AutoConfiguration
@ConditionalOnClass(name = "org.apache.spark.sql.SparkSession")
@ConditionalOnProperty(name = "strata.engine", havingValue = "spark")
@EnableConfigurationProperties(SparkSettings.class)
public class SparkEngineConfiguration {

    @Bean
    SparkSessions sparkSessions(SparkSettings settings) {
        return new SparkSessions(settings.master(), settings.partitions());
    }

    @Bean
    DatabaseAddress sparkDatabaseAddress(DataSource dataSource) {
        // executors open their own connections, so they need the address, not the pool
        HikariConfig pool = unwrap(dataSource);
        return new DatabaseAddress(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
    }

    @Bean
    FactSource sparkFacts(SparkSettings settings, DatabaseAddress database) {
        return settings.lake().isEmpty() ? new JdbcFacts(database, settings.partitions()) : new ParquetFacts(settings.lake());
    }

    @Bean
    @Primary
    SegmentationEngine sparkSegmentationEngine(SparkSessions sessions, FactSource facts, DatabaseAddress database, FieldCatalogues catalogues) {
        return new SparkSegmentationEngine(sessions::forRun, facts, new RunTables(database), catalogues);
    }

    /** Stored memberships are still read by the database's own adapter: the one bean of the type that is not this one. */
    @Bean
    @Primary
    TacticalMembership sparkTacticalMembership(SparkSessions sessions, FactSource facts, DatabaseAddress database,
                                               ObjectProvider<TacticalMembership> memberships) {
        return new SparkTacticalMembership(sessions::forRun, facts, database, new RunTables(database),
                new StoredMemberships(memberships));
    }

    private static HikariConfig unwrap(DataSource dataSource) {
        if (dataSource instanceof HikariConfig pool) {
            return pool;
        }
        throw new IllegalStateException("STRATA_ENGINE=spark needs Strata's own connection pool (Hikari) to learn the database address; found "
                + dataSource.getClass().getName());
    }
}
