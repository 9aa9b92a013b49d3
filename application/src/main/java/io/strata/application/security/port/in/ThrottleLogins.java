package io.strata.application.security.port.in;

import java.time.Duration;
import java.util.Optional;

/** In-port: console logins slowed down after repeated failures, on every node alike. */
public interface ThrottleLogins {

    /** How much longer the user name stays locked, if it is locked now. */
    Optional<Duration> lockedFor(String username);

    void failed(String username);

    void succeeded(String username);
}
