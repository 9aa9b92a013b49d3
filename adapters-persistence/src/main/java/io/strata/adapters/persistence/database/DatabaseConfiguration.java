package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.database.EmbeddedPostgresServer.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;

/**
 * PostgreSQL is the only database: an external server when STRATA_DB_URL is set, otherwise an embedded one
 * whose cluster lives under STRATA_DATA_DIR.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(@Value("${strata.db.url:}") String url,
                                      @Value("${strata.data-dir:./strata-data}") String dataDir,
                                      @Value("${strata.benchmark.no-fsync:false}") boolean noFsyncForBenchmarks) {
        if (!url.isBlank()) {
            return EmbeddedDatabase.notUsed();
        }
        Durability durability = noFsyncForBenchmarks ? Durability.NO_FSYNC_FOR_BENCHMARKS : Durability.DURABLE;
        return EmbeddedDatabase.of(EmbeddedPostgresServer.start(Path.of(dataDir), durability));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedDatabase embedded,
                                @Value("${strata.db.url:}") String url,
                                @Value("${strata.db.user:}") String user,
                                @Value("${strata.db.password:}") String password,
                                @Value("${strata.db.pool-size:10}") int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("strata");
        config.setMaximumPoolSize(poolSize);
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername(embedded.server().user());
        } else {
            log.info("Using the external PostgreSQL at {}", url);
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
        }
        return new HikariDataSource(config);
    }

    /** Holds the embedded server, if any, so that it is stopped after the pool that uses it is closed. */
    public record EmbeddedDatabase(EmbeddedPostgresServer server) implements AutoCloseable {

        static EmbeddedDatabase notUsed() {
            return new EmbeddedDatabase(null);
        }

        static EmbeddedDatabase of(EmbeddedPostgresServer server) {
            return new EmbeddedDatabase(server);
        }

        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }

}
