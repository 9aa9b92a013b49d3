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

    private static DatabaseSettings database(String url, String user) {
        return database(url, user, "");
    }

    private static DatabaseSettings database(String url, String user, String password) {
        return new DatabaseSettings(url, user, password, 4, java.time.Duration.ofSeconds(30), DatabaseSettings.Tuning.defaults());
    }

    private static DataDirectorySettings data(Path dir) {
        return new DataDirectorySettings(dir.toString(), new DataDirectorySettings.Benchmark(false));
    }

    @Test
    void withADatabaseUrlNoEmbeddedServerIsStartedAndTheUrlIsUsed() throws Exception {
        try (EmbeddedPostgresServer external = EmbeddedPostgresServer.start(dataDir.resolve("external"))) {
            DatabaseConfiguration.EmbeddedDatabase embedded = configuration.embeddedDatabase(
                    database(external.jdbcUrl(), "postgres", external.password()), data(dataDir.resolve("unused")));
            try (HikariDataSource dataSource = configuration.dataSource(embedded, database(external.jdbcUrl(), "postgres", external.password()),
                    DatabaseBounds.defaults());
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
        try (DatabaseConfiguration.EmbeddedDatabase embedded = configuration.embeddedDatabase(database("", ""), data(dataDir));
             HikariDataSource dataSource = configuration.dataSource(embedded, database("", ""), DatabaseBounds.defaults());
             Connection connection = dataSource.getConnection();
             ResultSet rs = connection.createStatement().executeQuery("select current_setting('data_directory')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo(dataDir.resolve("pg").toAbsolutePath().toString());
        }
    }
}
