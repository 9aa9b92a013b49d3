package io.strata.application.security;

import io.strata.application.security.port.in.ThrottleLogins;
import io.strata.application.security.port.out.LoginFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * In-port: after {@code maxFailures} failed logins for a user name within {@code window}, that name is locked for
 * {@code lockout}, whatever password comes next. Unknown names are counted alike, so a lock tells nothing about
 * which names exist.
 */
public final class LoginThrottle implements ThrottleLogins {

    public record Policy(int maxFailures, Duration window, Duration lockout) {

        public static final Policy DEFAULT = new Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15));

        public Policy {
            if (maxFailures < 1 || window.isNegative() || window.isZero() || lockout.isNegative() || lockout.isZero()) {
                throw new IllegalArgumentException("a login throttle needs at least one failure, a window and a lockout");
            }
        }
    }

    private static final int MAX_KEY_LENGTH = 128;

    private final LoginFailures failures;
    private final Clock clock;
    private final Policy policy;

    public LoginThrottle(LoginFailures failures, Clock clock, Policy policy) {
        this.failures = failures;
        this.clock = clock;
        this.policy = policy;
    }

    /** How much longer the name stays locked, if it is. */
    @Override
    public Optional<Duration> lockedFor(String username) {
        Instant now = clock.instant();
        return failures.lockedUntil(key(username)).filter(now::isBefore).map(until -> Duration.between(now, until));
    }

    @Override
    public void failed(String username) {
        Instant now = clock.instant();
        String key = key(username);
        int count = failures.recordFailure(key, now, now.minus(policy.window()));
        if (count >= policy.maxFailures()) {
            failures.lock(key, now.plus(policy.lockout()));
        }
        failures.forgetBefore(now.minus(policy.window()).minus(policy.lockout()));
    }

    @Override
    public void succeeded(String username) {
        failures.clear(key(username));
    }

    public Policy policy() {
        return policy;
    }

    /** Names differing only in case or surrounding blanks share one count. */
    static String key(String username) {
        String key = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        // the first MAX_KEY_LENGTH characters, never half of one (a lone surrogate is no text)
        return io.strata.domain.text.PlainText.longerThan(key, MAX_KEY_LENGTH) ? key.substring(0, key.offsetByCodePoints(0, MAX_KEY_LENGTH)) : key;
    }
}
