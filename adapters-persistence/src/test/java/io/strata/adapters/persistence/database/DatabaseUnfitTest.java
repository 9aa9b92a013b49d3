package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariDataSource;
import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An external PostgreSQL set up as DBAs and managed services do: a database or role made read-only, a role that owns
 * neither the database nor the schema public (PostgreSQL 15 lets no other role create there), a search_path naming no
 * schema, tables restored by another role, a pooler in transaction mode. Each was probed with the jar on a Debian
 * PostgreSQL 15 (docs/architecture.md, "External PostgreSQL as deployments run it"): the first changeset failed with 200
 * lines of nested causes, or Strata started on a read-only database and failed its first write. Now the migration
 * refuses such a database before anything else with one {@link DatabaseUnfit} saying what to run. The oracles: the
 * role's own session fails as Strata's work would (a table it cannot create, a table it cannot alter), and the statement
 * the report gives makes the database fit.
 */
class DatabaseUnfitTest {

    private static final String ROLE = "strata_unfit_role";
    private static final String PASSWORD = "unfit-role-password";
    private static final String DATABASE = "strata_unfit_db";

    @BeforeEach
    @AfterEach
    void noSuchDatabase() {
        TestDatabase.execute("drop database if exists " + DATABASE + " with (force)");
        TestDatabase.execute("drop role if exists " + ROLE);
    }

    @Test
    void aReadOnlyDatabaseIsRefusedBeforeAnyChangesetSayingWhatToRun() throws Exception {
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("create database " + DATABASE + " owner " + ROLE);
        TestDatabase.execute("alter database " + DATABASE + " set default_transaction_read_only = on");
        try (HikariDataSource role = dataSource(ROLE, PASSWORD)) {
            assertThatThrownBy(() -> JdbcClient.create(role).sql("create table t (v int)").update())
                    .rootCause().hasMessageContaining("cannot execute CREATE TABLE in a read-only transaction");

            assertThatThrownBy(() -> migrate(role)).isInstanceOf(DatabaseUnfit.class)
                    .hasMessage("Strata does not start: the database 'strata_unfit_db' (STRATA_DB_URL) as 'strata_unfit_role' "
                            + "(STRATA_DB_USER) is read-only: default_transaction_read_only is on (set for the database, the role "
                            + "or the server).")
                    .satisfies(e -> assertThat(((DatabaseUnfit) e).how())
                            .contains("Point STRATA_DB_URL at the primary, writable database")
                            .contains("'alter database strata_unfit_db reset default_transaction_read_only'"));
            assertThat(relations(role)).isZero();
        }
        TestDatabase.execute("alter database " + DATABASE + " reset default_transaction_read_only");
        try (HikariDataSource role = dataSource(ROLE, PASSWORD); Connection connection = role.getConnection()) {
            DatabaseUnfit.check(connection, role);
        }
    }

    @Test
    void aRoleThatMayNotCreateInTheSchemaIsRefusedNamingTheGrant() throws Exception {
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("create database " + DATABASE); // the suite's superuser owns it and its schema public
        try (HikariDataSource role = dataSource(ROLE, PASSWORD)) {
            assertThatThrownBy(() -> JdbcClient.create(role).sql("create table t (v int)").update())
                    .rootCause().hasMessageContaining("permission denied for schema public");

            assertThatThrownBy(() -> migrate(role)).isInstanceOf(DatabaseUnfit.class)
                    .hasMessageContaining("as 'strata_unfit_role' (STRATA_DB_USER) may not create tables in the schema 'public'")
                    .satisfies(e -> assertThat(((DatabaseUnfit) e).how()).contains("'alter schema public owner to strata_unfit_role'"));
        }
        try (HikariDataSource owner = dataSource(superuser(), superuserPassword())) {
            JdbcClient.create(owner).sql("alter schema public owner to " + ROLE).update();
        }
        try (HikariDataSource role = dataSource(ROLE, PASSWORD); Connection connection = role.getConnection()) {
            DatabaseUnfit.check(connection, role);
        }
    }

    @Test
    void aSearchPathNamingNoSchemaIsRefused() throws Exception {
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("create database " + DATABASE + " owner " + ROLE);
        TestDatabase.execute("alter role " + ROLE + " in database " + DATABASE + " set search_path = no_such_schema");
        try (HikariDataSource role = dataSource(ROLE, PASSWORD)) {
            assertThatThrownBy(() -> JdbcClient.create(role).sql("create table t (v int)").update())
                    .rootCause().hasMessageContaining("no schema has been selected to create in");

            assertThatThrownBy(() -> migrate(role)).isInstanceOf(DatabaseUnfit.class)
                    .hasMessageContaining("the search_path of the database 'strata_unfit_db' (STRATA_DB_URL) as 'strata_unfit_role' "
                            + "(STRATA_DB_USER) is 'no_such_schema', which names no schema that exists")
                    .satisfies(e -> assertThat(((DatabaseUnfit) e).how())
                            .contains("'alter role strata_unfit_role in database strata_unfit_db reset search_path'"));
        }
    }

    @Test
    void tablesOfAnotherRoleAreRefusedNamingThemAndTheirOwner() throws Exception {
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("create database " + DATABASE + " owner " + ROLE);
        try (HikariDataSource owner = dataSource(superuser(), superuserPassword())) {
            // a restore made by the DBA: the tables are the DBA's
            JdbcClient.create(owner).sql("create table public.customers (customer_key bigserial)").update();
            JdbcClient.create(owner).sql("create table public.assignments (run_id bigint) partition by range (run_id)").update();
            JdbcClient.create(owner).sql("create table public.assignments_1 partition of public.assignments for values from (1) to (2)").update();
            JdbcClient.create(owner).sql("create table public.databasechangelog (id text)").update();
            JdbcClient.create(owner).sql("grant all on all tables in schema public to " + ROLE).update();
        }
        try (HikariDataSource role = dataSource(ROLE, PASSWORD)) {
            assertThatThrownBy(() -> JdbcClient.create(role).sql("alter table customers add column v int").update())
                    .rootCause().hasMessageContaining("must be owner of table customers");

            assertThatThrownBy(() -> migrate(role)).isInstanceOf(DatabaseUnfit.class)
                    .hasMessageContaining("5 tables, views and sequences in the schema 'public' of the database 'strata_unfit_db'")
                    .hasMessageContaining("belong to another role (" + superuser() + ", e.g. assignments, assignments_1, customers)")
                    .satisfies(e -> assertThat(((DatabaseUnfit) e).how()).contains("owner to strata_unfit_role;"));
        }
        try (HikariDataSource owner = dataSource(superuser(), superuserPassword())) {
            // what the report says to run in psql, its \gexec done here
            String giveAway = DatabaseUnfit.giveAway("public", superuser(), ROLE);
            assertThat(giveAway).endsWith(" \\gexec");
            for (String alter : JdbcClient.create(owner).sql(giveAway.substring(0, giveAway.length() - " \\gexec".length()))
                    .query(String.class).list()) {
                JdbcClient.create(owner).sql(alter).update();
            }
            assertThat(JdbcClient.create(owner).sql("select count(*) from pg_class where relnamespace = 'public'::regnamespace "
                    + "and relowner <> '" + ROLE + "'::regrole").query(Long.class).single()).isZero();
            // another application's table in the same schema is none of Strata's business
            JdbcClient.create(owner).sql("create table public.others (v int)").update();
        }
        try (HikariDataSource role = dataSource(ROLE, PASSWORD); Connection connection = role.getConnection()) {
            DatabaseUnfit.check(connection, role);
        }
    }

    @Test
    void theSuitesDatabaseIsFitAndItsSessionsAreItsOwn() throws Exception {
        DataSource pool = TestDatabase.dataSource();
        try (Connection connection = pool.getConnection()) {
            DatabaseUnfit.check(connection, pool);
            assertThat(DatabaseUnfit.transactionPooling(connection, pool)).isEmpty();
        }
    }

    /**
     * A pooler in transaction mode (PgBouncer, {@code pool_mode = transaction}) hands the server session a client has just
     * left to the next client's transaction: here the second connection is a client connection of its own that runs on
     * the first one's session, as PgBouncer gave it in the probe (the suite has no PgBouncer).
     */
    @Test
    void aPoolerInTransactionModeIsRefused() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            DataSource pooler = anotherClientOnTheSameSession(connection);
            assertThat(DatabaseUnfit.transactionPooling(connection, pooler)).hasValueSatisfying(seen ->
                    assertThat(seen).startsWith("two connections ran on one server session"));
            assertThatThrownBy(() -> DatabaseUnfit.check(connection, pooler)).isInstanceOf(DatabaseUnfit.class)
                    .hasMessageContaining("is reached through a connection pooler in transaction mode")
                    .satisfies(e -> assertThat(((DatabaseUnfit) e).how()).contains("pool_mode = session"));
        }
    }

    /**
     * A data source of one connection (NodesStartingAtOnceTest migrates with one) is the same client, not a pooler:
     * nothing refused.
     */
    @Test
    void aDataSourceOfOneConnectionIsNoPooler() throws Exception {
        try (Connection connection = TestDatabase.dataSource().getConnection()) {
            DataSource single = new SingleConnectionDataSource((Connection) connection.unwrap(PGConnection.class), true);
            assertThat(DatabaseUnfit.transactionPooling(connection, single)).isEmpty();
            DatabaseUnfit.check(connection, single);
        }
    }

    private static DataSource anotherClientOnTheSameSession(Connection session) throws Exception {
        PGConnection driver = session.unwrap(PGConnection.class);
        Object[] self = new Object[1];
        Connection other = (Connection) Proxy.newProxyInstance(DatabaseUnfitTest.class.getClassLoader(),
                new Class<?>[]{Connection.class, PGConnection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> null;
                    case "unwrap" -> self[0];
                    case "isWrapperFor" -> true;
                    default -> method.getDeclaringClass() == PGConnection.class ? method.invoke(driver, args) : method.invoke(session, args);
                });
        self[0] = other;
        return new SingleConnectionDataSource(other, true);
    }

    private static void migrate(DataSource dataSource) throws Exception {
        OneNodeMigrates liquibase = new OneNodeMigrates();
        liquibase.setDataSource(dataSource);
        liquibase.setChangeLog(DatabaseConfiguration.CHANGE_LOG);
        liquibase.setResourceLoader(new DefaultResourceLoader());
        liquibase.afterPropertiesSet();
    }

    private static long relations(DataSource dataSource) {
        return JdbcClient.create(dataSource).sql("select count(*) from pg_class where relnamespace = 'public'::regnamespace")
                .query(Long.class).single();
    }

    private static String superuser() {
        return ((HikariDataSource) TestDatabase.dataSource()).getUsername();
    }

    private static String superuserPassword() {
        return ((HikariDataSource) TestDatabase.dataSource()).getPassword();
    }

    private static HikariDataSource dataSource(String user, String password) {
        return TestDatabase.dataSourceAs(DATABASE, user, password);
    }
}
