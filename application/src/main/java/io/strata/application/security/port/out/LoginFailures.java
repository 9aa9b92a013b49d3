package io.strata.application.security.port.out;

import java.time.Instant;
import java.util.Optional;

/**
 * Out-port: failed console logins per user name, kept where every node of the application sees them (a lock on one
 * node must hold on all).
 */
public interface LoginFailures {

    Optional<Instant> lockedUntil(String name);

    /**
     * Counts a failure at {@code now} and answers how many failures the name has since {@code windowStart}; failures
     * before the window no longer count.
     */
    int recordFailure(String name, Instant now, Instant windowStart);

    /** Locks the name until then and starts its count afresh. */
    void lock(String name, Instant until);

    void clear(String name);

    /** Forgets names whose last failure and lock both ended before the cutoff. */
    void forgetBefore(Instant cutoff);
}
