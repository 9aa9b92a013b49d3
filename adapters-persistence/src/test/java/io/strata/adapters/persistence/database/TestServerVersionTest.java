package io.strata.adapters.persistence.database;

import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tests' PostgreSQL is the one the build names ({@code postgres-binaries.version}, zonky's binaries: 17 by default,
 * 15 in {@code .ci/run}'s second pass, docs/testing.md "PostgreSQL 15"): a pass meant to prove the SQL on PostgreSQL 15
 * that started 17 (the property not reaching the binaries' dependency) would pass and prove nothing. The surefire
 * configuration hands the property to the test JVM; zonky's {@code 15.15.0} is PostgreSQL {@code 15.15}.
 */
class TestServerVersionTest {

    @Test
    void theTestsRunOnThePostgresqlTheBuildNames() {
        String binaries = System.getProperty("postgres-binaries.version");
        assertThat(binaries).as("postgres-binaries.version handed to the test JVM by surefire").matches("\\d+\\.\\d+\\.\\d+");
        String server = JdbcClient.create(TestDatabase.dataSource()).sql("show server_version").query(String.class).single();

        assertThat(server.split(" ")[0]).isEqualTo(binaries.substring(0, binaries.lastIndexOf('.')));
    }
}
