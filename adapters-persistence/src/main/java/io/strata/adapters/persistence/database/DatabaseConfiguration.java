package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.strata.adapters.persistence.database.EmbeddedPostgresServer.Durability;
import liquibase.UpdateSummaryOutputEnum;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL is the only database: an external server when STRATA_DB_URL is set, otherwise an embedded one
 * whose cluster lives under STRATA_DATA_DIR.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedDatabase embeddedDatabase(DatabaseSettings database, DataDirectorySettings data) {
        if (database.external()) {
            return EmbeddedDatabase.notUsed();
        }
        Durability durability = data.benchmark().noFsync() ? Durability.NO_FSYNC_FOR_BENCHMARKS : Durability.DURABLE;
        return EmbeddedDatabase.of(EmbeddedPostgresServer.start(data.directory(), durability, database.tuning()));
    }

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(EmbeddedDatabase embedded, DatabaseSettings database, DatabaseBounds bounds) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("strata");
        config.setMaximumPoolSize(database.poolSize());
        config.setConnectionTimeout(database.connectionTimeout().toMillis());
        if (embedded.server() != null) {
            config.setJdbcUrl(embedded.server().jdbcUrl());
            config.setUsername(embedded.server().user());
            config.setPassword(embedded.server().password());
        } else {
            log.info("Using the external PostgreSQL at {}", DatabaseUnreachableAtStart.masked(database.url()));
            config.setJdbcUrl(database.url());
            config.setUsername(database.user());
            config.setPassword(database.password());
        }
        try {
            return StrataPool.on(config, bounds);
        } catch (HikariPool.PoolInitializationException unreachable) {
            if (embedded.server() != null) {
                throw unreachable;
            }
            throw new DatabaseUnreachableAtStart(database.url(), database.user(), unreachable);
        }
    }

    /**
     * Liquibase, migrating one node at a time ({@link OneNodeMigrates}). Boot's own Liquibase bean stands back for it,
     * so {@code spring.liquibase.*} settings do not apply; the changelog is set here.
     */
    @Bean
    OneNodeMigrates liquibase(HikariDataSource dataSource) {
        OneNodeMigrates liquibase = new OneNodeMigrates();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(CHANGE_LOG);
        liquibase.setShowSummaryOutput(UpdateSummaryOutputEnum.LOG);
        return liquibase;
    }

    /**
     * Whether a newer version has migrated the database since this node started (docs/scale-out.md, "Upgrading");
     * looked up at most every {@code strata.db.schema-look-every} ({@link SchemaAheadSettings}: 5 seconds; the tests look at
     * every request).
     */
    @Bean
    SchemaAhead schemaAhead(HikariDataSource dataSource, OneNodeMigrates liquibase,
                            SchemaAheadSettings settings) {
        return new SchemaAhead(JdbcClient.create(dataSource), liquibase, settings.schemaLookEvery());
    }

    public static final String CHANGE_LOG = "classpath:db/changelog/db.changelog-master.yaml";

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
