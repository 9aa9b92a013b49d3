package io.strata.application.security;

import java.util.Optional;

/** Out-port: people who log in to the console. */
public interface ConsoleUsers {

    Optional<ConsoleUser> find(String username);

    void create(ConsoleUser user);

    record ConsoleUser(String username, String passwordHash, Role role, boolean enabled) {
    }
}
