package io.strata.bootstrap;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node of the application on a database of its own of the suite's server, owned by a role of its own that is no
 * superuser (as on an external server reached as the owner of the application's database), for tests of what a VACUUM
 * after a commit puts in the visibility map. PostgreSQL holds such a VACUUM back for any snapshot older than the commit,
 * but only for sessions of the same database: on the suite's database a statement of the suite application, of another
 * test or of autovacuum analysing another table, begun after a test's wait for none, could still hold one at the VACUUM
 * and fail the test on a loaded machine (docs/testing.md). Here nothing else takes a snapshot: the node runs no
 * schedule, no warm-up and no clean-up of sessions; autovacuum is off for every table of the database (catalogs
 * included), and a worker of it still there is ended.
 */
public final class NodeOnItsOwnDatabase implements AutoCloseable {

    private final String database;
    private final String role;
    private final JdbcClient suite;
    private final ConfigurableApplicationContext node;
    private final URI base;
    private final HttpClient http = HttpClient.newHttpClient();
    /** The suite's superuser on this database: for what the owner may not do, and for a session of another role. */
    private final DriverManagerDataSource superuser;

    private static final String ROLE_PASSWORD = "owner-password-of-the-test";

    public NodeOnItsOwnDatabase(String database, HikariDataSource suiteDataSource) {
        this.database = database;
        this.role = database + "_owner";
        this.suite = JdbcClient.create(suiteDataSource);
        Matcher address = Pattern.compile("jdbc:postgresql://([^:/]+):(\\d+)/.*").matcher(suiteDataSource.getJdbcUrl());
        assertThat(address.matches()).as(suiteDataSource.getJdbcUrl()).isTrue();
        String url = "jdbc:postgresql://" + address.group(1) + ":" + address.group(2) + "/" + database;
        dropDatabaseAndRole();
        // a password of its own: the embedded cluster asks every connection for one (docs/security.md)
        suite.sql("create role " + role + " login nosuperuser nocreatedb nocreaterole password '" + ROLE_PASSWORD + "'").update();
        suite.sql("create database " + database + " owner " + role).update();
        String password = suiteDataSource.getPassword() == null ? "" : suiteDataSource.getPassword();
        superuser = new DriverManagerDataSource(url, suiteDataSource.getUsername(), password);
        node = new SpringApplicationBuilder(StrataApplication.class).run(
                "--server.port=0", "--strata.db.url=" + url, "--strata.db.user=" + role, "--strata.db.password=" + ROLE_PASSWORD,
                "--strata.api-token=" + EndToEndTest.TOKEN, "--strata.admin-password=" + EndToEndTest.ADMIN_PASSWORD,
                "--strata.schedules.enabled=false", "--strata.predictions.warm-up=false",
                // a day that never comes: no clean-up statement of the node's own during a test
                "--strata.sessions.cleanup-cron=0 0 0 30 2 *");
        base = URI.create("http://localhost:" + node.getEnvironment().getRequiredProperty("local.server.port"));
        assertThat(owner().sql("select rolsuper from pg_roles where rolname = current_user").query(Boolean.class).single())
                .as("the node's role is a superuser").isFalse();
        // every table of the database (system catalogs, which Liquibase's DDL has just changed, included; shared ones
        // are vacuumed by workers of every database, which do not hold this one back), so that autovacuum starts
        // nothing here any more; a worker it started before goes on with its table, so it is ended
        superuser().sql("""
                do $$ declare
                  tables regclass[] := array(select oid::regclass from pg_class where relkind in ('r', 'm') and not relisshared);
                  t regclass;
                begin
                  perform set_config('allow_system_table_mods', 'on', true);
                  foreach t in array tables loop
                    execute format('alter table %s set (autovacuum_enabled = false)', t);
                  end loop;
                end $$""").update();
        suite.sql("select count(*) filter (where pg_terminate_backend(pid, 60000)) from pg_stat_activity "
                + "where datname = ? and backend_type = 'autovacuum worker'").param(database).query(Long.class).single();
    }

    /** The node's own pool: its role, the owner of every table. */
    public DataSource dataSource() {
        return node.getBean(DataSource.class);
    }

    public JdbcClient owner() {
        return JdbcClient.create(dataSource());
    }

    /** A connection per statement as the suite's superuser, on this database. */
    public DataSource superuserDataSource() {
        return superuser;
    }

    public JdbcClient superuser() {
        return JdbcClient.create(superuser);
    }

    public String role() {
        return role;
    }

    /** What the tests' results rest on: nothing in the database but this test and the node holds a snapshot now. */
    public void assertNoSnapshotHeld() {
        assertThat(suite.sql("select string_agg(pid || ' ' || backend_type || ' ' || coalesce(application_name, '') || ': '"
                        + " || coalesce(query, ''), '; ') from pg_stat_activity where datname = ? and backend_xmin is not null")
                .param(database).query(String.class).optional()).as("sessions with a snapshot in " + database).isEmpty();
    }

    public HttpResponse<String> post(String path, String contentType, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + EndToEndTest.TOKEN)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        node.close();
        dropDatabaseAndRole();
    }

    private void dropDatabaseAndRole() {
        suite.sql("drop database if exists " + database + " with (force)").update();
        suite.sql("drop role if exists " + role).update();
    }
}
