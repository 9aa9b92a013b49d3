package io.strata.adapters.persistence.security;

import io.strata.application.security.ConsoleUser;
import io.strata.application.security.port.out.ConsoleUsers;
import io.strata.application.security.Role;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.Optional;

@Repository
public class JdbcConsoleUsers implements ConsoleUsers {

    private static final RowMapper<ConsoleUser> USER =
            (rs, n) -> new ConsoleUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)), rs.getBoolean(4));

    private final JdbcClient jdbc;

    public JdbcConsoleUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ConsoleUser> find(String username) {
        return jdbc.sql("select username, password_hash, role, enabled from console_users where lower(username) = lower(?)").param(username)
                .query(USER).optional();
    }

    @Override
    public List<ConsoleUser> all() {
        return jdbc.sql("select username, password_hash, role, enabled from console_users order by username").query(USER).list();
    }

    @Override
    public List<ConsoleUser> page(String after, int limit) {
        // the same order as all() (the database's collation): names are unique, so "after this name" is a place in it
        var statement = jdbc.sql("select username, password_hash, role, enabled from console_users" + (after == null ? "" : " where username > :after")
                + " order by username limit :limit").param("limit", limit);
        return (after == null ? statement : statement.param("after", after)).query(USER).list();
    }

    @Override
    public boolean create(ConsoleUser user) {
        return jdbc.sql("insert into console_users (username, password_hash, role, enabled) values (?, ?, ?, ?) "
                        // the unique index on lower(username) (changeset 101) makes a name taken in any case a conflict
                        + "on conflict do nothing")
                .params(user.username(), user.passwordHash(), user.role().name(), user.enabled())
                .update() == 1;
    }

    @Override
    public boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("update console_users set enabled = ? where lower(username) = lower(?)").params(enabled, username).update() == 1;
    }

    @Override
    public long countEnabled(Role role) {
        return jdbc.sql("select count(*) from console_users where enabled and role = ?").param(role.name()).query(Long.class).single();
    }
}
