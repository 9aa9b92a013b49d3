package io.strata.application.security.port.out;

import io.strata.application.security.ConsoleUser;
import io.strata.application.security.Role;
import java.util.List;
import java.util.Optional;

/** Out-port: people who log in to the console. */
public interface ConsoleUsers {

    /** The user of that name in any case ({@code PT_Planner} finds {@code pt_planner}), as stored. */
    Optional<ConsoleUser> find(String username);

    /** Every user, by name. */
    List<ConsoleUser> all();

    /** The users whose names come after {@code after} by name ({@code null}: from the first), {@code limit} at most. */
    List<ConsoleUser> page(String after, int limit);

    /** Stores the user unless the name is taken in any case; answers whether it was new. */
    boolean create(ConsoleUser user);

    /** Answers whether the user exists (and so was set). */
    boolean setEnabled(String username, boolean enabled);

    long countEnabled(Role role);
}
