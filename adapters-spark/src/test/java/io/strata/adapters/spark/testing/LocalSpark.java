package io.strata.adapters.spark.testing;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.adapters.spark.segmentation.SparkSessions;
import io.strata.adapters.spark.source.DatabaseAddress;
import org.apache.spark.sql.SparkSession;

/**
 * One local[2] Spark session per test JVM (starting one takes seconds), over the one embedded PostgreSQL of the
 * persistence tests (real Liquibase schema). Two shuffle partitions: the populations are tens of customers.
 */
public final class LocalSpark {

    private static final SparkSessions SESSIONS = new SparkSessions("local[2]", 2);

    private LocalSpark() {
    }

    public static SparkSession forRun() {
        return SESSIONS.forRun();
    }

    public static DatabaseAddress database() {
        HikariDataSource dataSource = (HikariDataSource) TestDatabase.dataSource();
        return new DatabaseAddress(dataSource.getJdbcUrl(), dataSource.getUsername(), dataSource.getPassword());
    }
}
