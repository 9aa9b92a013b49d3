package io.strata.adapters.persistence.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.EmbeddedPostgresServer;
import liquibase.integration.spring.SpringLiquibase;
import org.springframework.core.io.DefaultResourceLoader;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** One embedded PostgreSQL per test JVM with the real Liquibase schema; tests empty the tables they use. */
public final class TestDatabase {

    private static HikariDataSource dataSource;

    private TestDatabase() {
    }

    public static synchronized DataSource dataSource() {
        if (dataSource == null) {
            try {
                Path dir = Files.createTempDirectory("strata-persistence-test");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir);
                HikariConfig config = new HikariConfig();
                config.setJdbcUrl(server.jdbcUrl());
                config.setUsername(server.user());
                config.setMaximumPoolSize(4);
                dataSource = new HikariDataSource(config);
                SpringLiquibase liquibase = new SpringLiquibase();
                liquibase.setDataSource(dataSource);
                liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
                liquibase.setResourceLoader(new DefaultResourceLoader());
                liquibase.afterPropertiesSet();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    dataSource.close();
                    server.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new IllegalStateException("could not prepare the test database", e);
            }
        }
        return dataSource;
    }

    public static void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs keep their assignments in one partition each; emptying drops them. */
    public static final String DROP_RUN_PARTITIONS = """
            do $$ declare part text; begin
              for part in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
                          where p.relname = 'run_assignments' loop execute format('drop table %I', part); end loop; end $$""";

    public static void emptyCustomerData() {
        execute(DROP_RUN_PARTITIONS);
        execute("truncate table run_segments, run_assignments, segmentation_runs, segmentations, events, order_lines, orders, customers cascade");
    }
}
