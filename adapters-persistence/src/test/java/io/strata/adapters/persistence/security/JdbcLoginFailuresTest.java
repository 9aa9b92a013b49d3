package io.strata.adapters.persistence.security;

import io.strata.adapters.persistence.testing.TestDatabase;
import io.strata.application.security.LoginFailuresContract;
import io.strata.application.security.port.out.LoginFailures;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The login-failure contract on real PostgreSQL: the upsert that counts within the window, the lock, and forgetting
 * run as the SQL they are, with the instants of the contract's moving clock.
 */
class JdbcLoginFailuresTest extends LoginFailuresContract {

    @Override
    protected LoginFailures emptyStore() {
        JdbcClient jdbc = JdbcClient.create(TestDatabase.dataSource());
        jdbc.sql("delete from login_failures").update();
        return new JdbcLoginFailures(jdbc);
    }
}
