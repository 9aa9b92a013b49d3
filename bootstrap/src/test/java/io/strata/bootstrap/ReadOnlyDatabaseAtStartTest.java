package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strata pointed at a read-only database (a hot standby after a failover, or {@code default_transaction_read_only} set
 * by a DBA) stops at once with one report saying what and where, and what to do. Probed with the jar on Debian's
 * PostgreSQL 15 (docs/architecture.md, "External PostgreSQL as deployments run it"): an empty one failed the first
 * changeset with 206 lines of nested causes, one migrated before started and failed its first write (db-scheduler's
 * "cannot execute UPDATE in a read-only transaction").
 */
@ExtendWith(OutputCaptureExtension.class)
class ReadOnlyDatabaseAtStartTest extends EndToEndTest {

    private static final String DATABASE = "strata_read_only";
    private static final String ROLE = "strata_read_only_owner";
    private static final String PASSWORD = "read-only-owner-password";

    @Autowired
    private HikariDataSource suiteDataSource;

    @AfterEach
    void noSuchDatabase() {
        JdbcClient suite = JdbcClient.create(suiteDataSource);
        suite.sql("drop database if exists " + DATABASE + " with (force)").update();
        suite.sql("drop role if exists " + ROLE).update();
    }

    @Test
    void aStartOnAReadOnlyDatabaseStopsWithOneReportSayingWhatToDo(CapturedOutput output) {
        noSuchDatabase();
        JdbcClient suite = JdbcClient.create(suiteDataSource);
        suite.sql("create role " + ROLE + " login nosuperuser password '" + PASSWORD + "'").update();
        suite.sql("create database " + DATABASE + " owner " + ROLE).update();
        suite.sql("alter database " + DATABASE + " set default_transaction_read_only = on").update();
        String url = suiteDataSource.getJdbcUrl().replaceFirst("/[^/?]+(\\?.*)?$", "/" + DATABASE);

        assertThatThrownBy(() -> new SpringApplicationBuilder(StrataApplication.class).run("--server.port=0", "--strata.db.url=" + url,
                "--strata.db.user=" + ROLE, "--strata.db.password=" + PASSWORD, "--strata.api-token=" + EndToEndTest.TOKEN,
                "--strata.admin-password=" + EndToEndTest.ADMIN_PASSWORD, "--strata.predictions.warm-up=false",
                "--strata.schedules.enabled=false"))
                .isInstanceOf(Exception.class);

        String out = output.getOut();
        assertThat(out).contains("APPLICATION FAILED TO START")
                .contains("Strata does not start: the database '" + DATABASE + "' (STRATA_DB_URL) as '" + ROLE + "' (STRATA_DB_USER) "
                        + "is read-only: default_transaction_read_only is on (set for the database, the role or the server).")
                .contains("Point STRATA_DB_URL at the primary, writable database, or have it made writable")
                .contains("Strata stops with exit status 1.")
                .doesNotContain("Caused by:").doesNotContain("liquibase.exception");
        assertThat(JdbcClient.create(suiteDataSource).sql("select count(*) from pg_database where datname = ?").param(DATABASE)
                .query(Long.class).single()).isOne();
    }
}
