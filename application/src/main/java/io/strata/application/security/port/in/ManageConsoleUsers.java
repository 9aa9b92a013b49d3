package io.strata.application.security.port.in;

import io.strata.application.security.ConsoleUser;
import io.strata.application.security.CreateConsoleUser;

import java.util.List;
import java.util.Optional;

/** In-port: admins create console users and disable or re-enable them. */
public interface ManageConsoleUsers {

    ConsoleUser create(CreateConsoleUser command);

    List<ConsoleUser> users();

    /** The users after {@code after} in name order ({@code null}: from the first), {@code limit} at most. */
    List<ConsoleUser> users(String after, int limit);

    Optional<ConsoleUser> user(String username);

    ConsoleUser disable(String username, String actor);

    ConsoleUser enable(String username, String actor);
}
