package io.strata.adapters.persistence.security;

import io.strata.application.security.ConsoleUsers;
import io.strata.application.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.Optional;

@Repository
public class JdbcConsoleUsers implements ConsoleUsers {

    private final JdbcClient jdbc;

    public JdbcConsoleUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ConsoleUser> find(String username) {
        return jdbc.sql("select username, password_hash, role, enabled from console_users where username = ?").param(username)
                .query((rs, n) -> new ConsoleUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getBoolean(4)))
                .optional();
    }

    @Override
    public void create(ConsoleUser user) {
        jdbc.sql("insert into console_users (username, password_hash, role, enabled) values (?, ?, ?, ?)")
                .params(user.username(), user.passwordHash(), user.role().name(), user.enabled())
                .update();
    }
}
