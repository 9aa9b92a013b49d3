package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.testing.TestDatabase;
import liquibase.integration.spring.SpringLiquibase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An external PostgreSQL ({@code STRATA_DB_URL}) is usually reached as the owner of the application's database, not as
 * a superuser. The whole changelog must then run: changesets that need more (the untrusted {@code pg_prewarm}
 * extension of changeset 450) skip themselves, and what depends on them does nothing (the previews' read-ahead).
 * The oracle: a role created here with no privilege but owning the database it migrates.
 */
class SchemaForAnOrdinaryOwnerTest {

    private static final String ROLE = "strata_ordinary_owner";
    private static final String ROLE_PASSWORD = "ordinary-owner-password";
    private static final String DATABASE = "strata_owned_by_ordinary";

    @BeforeEach
    @AfterEach
    void noSuchDatabase() {
        TestDatabase.execute("drop database if exists " + DATABASE + " with (force)");
        TestDatabase.execute("drop role if exists " + ROLE);
    }

    @Test
    void theWholeChangelogRunsForAnOwnerWhoIsNoSuperuserAndTheReadAheadThenDoesNothing() throws Exception {
        // with a password: the embedded cluster asks every connection for one (docs/security.md)
        TestDatabase.execute("create role " + ROLE + " login nosuperuser nocreatedb nocreaterole password '" + ROLE_PASSWORD + "'");
        TestDatabase.execute("create database " + DATABASE + " owner " + ROLE);

        try (HikariDataSource owner = TestDatabase.dataSourceAs(DATABASE, ROLE, ROLE_PASSWORD)) {
            SpringLiquibase liquibase = new SpringLiquibase();
            liquibase.setDataSource(owner);
            liquibase.setChangeLog("classpath:db/changelog/db.changelog-master.yaml");
            liquibase.setResourceLoader(new DefaultResourceLoader());
            liquibase.afterPropertiesSet();

            JdbcClient jdbc = JdbcClient.create(owner);
            assertThat(jdbc.sql("select current_user::text").query(String.class).single()).isEqualTo(ROLE);
            assertThat(jdbc.sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single()).isFalse();
            assertThat(jdbc.sql("select exectype from databasechangelog where id = '450-preview-pages-read-ahead'")
                    .query(String.class).single()).isEqualTo("MARK_RAN");
            assertThat(jdbc.sql("select count(*) from pg_extension where extname = 'pg_prewarm'").query(Long.class).single()).isZero();
            // every changeset ran or was marked, as on the superuser's test database; the tables belong to the owner
            long changesets = JdbcClient.create(TestDatabase.dataSource()).sql("select count(*) from databasechangelog").query(Long.class).single();
            assertThat(jdbc.sql("select count(*) from databasechangelog").query(Long.class).single()).isEqualTo(changesets);
            assertThat(jdbc.sql("select tableowner::text from pg_tables where tablename = 'customers'").query(String.class).single())
                    .isEqualTo(ROLE);
            try (Connection connection = owner.getConnection()) {
                assertThat(PreviewPagesReadAhead.prefetch(connection)).isEmpty();
            }
        }
    }
}
