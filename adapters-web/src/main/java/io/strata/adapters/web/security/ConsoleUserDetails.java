package io.strata.adapters.web.security;

import io.strata.application.security.port.in.ManageConsoleUsers;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

final class ConsoleUserDetails implements UserDetailsService {

    private final ManageConsoleUsers users;

    ConsoleUserDetails(ManageConsoleUsers users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return users.user(username)
                .map(u -> User.withUsername(u.username()).password(u.passwordHash()).roles(u.role().name()).disabled(!u.enabled()).build())
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }
}
