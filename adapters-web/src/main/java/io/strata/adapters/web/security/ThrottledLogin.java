package io.strata.adapters.web.security;

import io.strata.application.security.port.in.ThrottleLogins;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/**
 * The console's password check behind the login throttle: a locked name is refused before its password is looked
 * at, every other failure counts towards a lock, and a success clears the count.
 */
final class ThrottledLogin implements AuthenticationProvider {

    /** Refused because the name is locked, whatever the password. */
    static final class NameLocked extends AuthenticationException {

        NameLocked(Duration remaining) {
            super("Too many failed logins for this user name; try again in " + Math.max(1, remaining.toMinutes() + 1) + " minutes");
        }
    }

    private final AuthenticationProvider passwords;
    private final ThrottleLogins throttle;

    ThrottledLogin(AuthenticationProvider passwords, ThrottleLogins throttle) {
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String name = attempt.getName();
        var locked = throttle.lockedFor(name);
        if (locked.isPresent()) {
            throw new NameLocked(locked.get());
        }
        try {
            Authentication authenticated = passwords.authenticate(attempt);
            throttle.succeeded(name);
            return authenticated;
        } catch (InternalAuthenticationServiceException e) {
            // not the user's mistake: the users could not be read (a lock another client holds, the database away). Spring
            // Security words this as a failed login ("Wrong user name or password.") and it counted against the name until
            // session 59; the failure itself goes on to the answer every request gets (503 in words, or an incident's
            // reference), and nothing is counted
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        } catch (AuthenticationException e) {
            throttle.failed(name);
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
