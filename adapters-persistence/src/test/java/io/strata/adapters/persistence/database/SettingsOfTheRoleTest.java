package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariConfig;
import io.strata.adapters.persistence.testing.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A managed PostgreSQL often gives roles a statement timeout and an idle-in-transaction timeout; Strata's own work at
 * scale outlasts both (a run's statements, an import's transaction waiting for its facts), and every run failed as "a
 * problem on Strata's side" again and again (seen with {@code alter role … set statement_timeout = '300ms'}). Strata's
 * pool starts its sessions without them. The oracle: a role given both, 1 ms and 50 ms, which the same statements
 * through a plain connection of that role break. A role made serializable by default: Strata's sessions are read committed,
 * as its units of work are written for.
 */
class SettingsOfTheRoleTest {

    private static final String ROLE = "strata_role_with_timeouts";
    private static final String PASSWORD = "role-with-timeouts-password";

    @BeforeEach
    @AfterEach
    void noSuchRole() {
        TestDatabase.execute("drop role if exists " + ROLE);
    }

    @Test
    void strataSessionsRunWithoutTheStatementAndIdleTimeoutsTheirRoleIsGiven() throws Exception {
        TestDatabase.execute("create role " + ROLE + " login password '" + PASSWORD + "'");
        TestDatabase.execute("alter role " + ROLE + " set statement_timeout = '1ms'");
        TestDatabase.execute("alter role " + ROLE + " set idle_in_transaction_session_timeout = '50ms'");
        TestDatabase.execute("alter role " + ROLE + " set default_transaction_isolation = 'serializable'");
        HikariConfig config = new HikariConfig();
        // the suite's URL without its parameters (it names the suite's user)
        config.setJdbcUrl(((com.zaxxer.hikari.HikariDataSource) TestDatabase.dataSource()).getJdbcUrl().replaceFirst("\\?.*$", ""));
        config.setUsername(ROLE);
        config.setPassword(PASSWORD);
        config.setMaximumPoolSize(1);

        // the role's own plain session has both (the oracle that the settings bite)
        try (Connection plain = java.sql.DriverManager.getConnection(config.getJdbcUrl(), ROLE, PASSWORD)) {
            assertThat(show(plain, "statement_timeout")).isEqualTo("1ms");
            assertThat(show(plain, "idle_in_transaction_session_timeout")).isEqualTo("50ms");
            assertThat(show(plain, "default_transaction_isolation")).isEqualTo("serializable");
        }

        try (StrataPool pool = StrataPool.on(config, DatabaseBounds.defaults())) {
            JdbcClient jdbc = JdbcClient.create(pool);
            assertThat(jdbc.sql("show statement_timeout").query(String.class).single()).isEqualTo("0");
            assertThat(jdbc.sql("show idle_in_transaction_session_timeout").query(String.class).single()).isEqualTo("0");
            assertThat(jdbc.sql("show default_transaction_isolation").query(String.class).single()).isEqualTo("read committed");
            // set by statements once connected, not sent at login as the startup parameter 'options' (its source is then
            // 'client'): PgBouncer 1.18 refused every connection that sent it ("unsupported startup parameter: options")
            assertThat(jdbc.sql("select source from pg_settings where name in ('statement_timeout', "
                    + "'idle_in_transaction_session_timeout', 'default_transaction_isolation') group by source")
                    .query(String.class).list()).containsExactly("session");
            assertThat(jdbc.sql("select pg_sleep(0.2)::text").query(String.class).single()).isEmpty();
            try (Connection connection = pool.getConnection()) {
                connection.setAutoCommit(false);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("create temp table waited (v int)");
                    Thread.sleep(300); // the JVM at work while the transaction is open, as an import's connection is
                    statement.execute("insert into waited values (1)");
                }
                connection.commit();
            }
        }
    }

    private static String show(Connection connection, String setting) throws Exception {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("show " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
