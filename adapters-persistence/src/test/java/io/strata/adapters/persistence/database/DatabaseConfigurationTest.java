package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseConfigurationTest {

    @TempDir
    Path dataDir;

    private final DatabaseConfiguration configuration = new DatabaseConfiguration();

    @Test
    void withADatabaseUrlNoEmbeddedServerIsStartedAndTheUrlIsUsed() throws Exception {
        try (EmbeddedPostgresServer external = EmbeddedPostgresServer.start(dataDir.resolve("external"))) {
            DatabaseConfiguration.EmbeddedDatabase embedded = configuration.embeddedDatabase(external.jdbcUrl(), dataDir.resolve("unused").toString(), false);
            try (HikariDataSource dataSource = configuration.dataSource(embedded, external.jdbcUrl(), "postgres", "", 2);
                 Connection connection = dataSource.getConnection();
                 ResultSet rs = connection.createStatement().executeQuery("select current_setting('data_directory')")) {
                rs.next();
                assertThat(embedded.server()).isNull();
                assertThat(rs.getString(1)).startsWith(external.dataDirectory().toString());
            }
            assertThat(dataDir.resolve("unused")).doesNotExist();
        }
    }

    @Test
    void withoutADatabaseUrlAnEmbeddedServerKeepsItsClusterInTheDataDirectory() throws Exception {
        try (DatabaseConfiguration.EmbeddedDatabase embedded = configuration.embeddedDatabase("", dataDir.toString(), false);
             HikariDataSource dataSource = configuration.dataSource(embedded, "", "", "", 2);
             Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select current_setting('data_directory')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(dataDir.resolve("pg").toAbsolutePath().toString());
        }
    }
}
