package io.strata.application.security;

import io.strata.application.security.port.out.LoginFailures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store of login failures must do, run against the in-memory fake ({@code InMemoryLoginFailuresTest}) and
 * against the PostgreSQL adapter ({@code JdbcLoginFailuresTest} in adapters-persistence), with a clock the test moves:
 * the window, the lock and its end, and forgetting. The expected counts and instants are written out here.
 */
public abstract class LoginFailuresContract {

    private static final Instant START = Instant.parse("2030-01-01T09:00:00Z");

    private MovingClock clock;
    private LoginFailures failures;
    private LoginThrottle throttle;

    /** A store holding no failures for the names the test uses. */
    protected abstract LoginFailures emptyStore();

    @BeforeEach
    void freshStoreAndClock() {
        clock = new MovingClock(START);
        failures = emptyStore();
        throttle = new LoginThrottle(failures, clock, LoginThrottle.Policy.DEFAULT);
    }

    // the store itself

    @Test
    void failuresWithinTheWindowAreCountedOneByOne() {
        Instant windowStart = START.minus(Duration.ofMinutes(15));

        assertThat(failures.recordFailure("ilze", START, windowStart)).isEqualTo(1);
        assertThat(failures.recordFailure("ilze", START.plusSeconds(60), windowStart)).isEqualTo(2);
        assertThat(failures.recordFailure("ilze", START.plusSeconds(120), windowStart)).isEqualTo(3);
        assertThat(failures.recordFailure("anna", START.plusSeconds(120), windowStart)).isEqualTo(1);
        assertThat(failures.lockedUntil("ilze")).isEmpty();
    }

    @Test
    void aFailureExactlyAtTheWindowsStartStillCountsAndOneBeforeItStartsAfresh() {
        failures.recordFailure("ilze", START, START.minusSeconds(900));

        assertThat(failures.recordFailure("ilze", START.plusSeconds(900), START)).isEqualTo(2);
        // the window that began at START has begun before this one's start: the count starts afresh
        assertThat(failures.recordFailure("ilze", START.plusSeconds(901), START.plusMillis(1))).isEqualTo(1);
        assertThat(failures.recordFailure("ilze", START.plusSeconds(902), START.plusMillis(1))).isEqualTo(2);
    }

    @Test
    void aLockHoldsItsInstantAndStartsTheCountAfresh() {
        Instant windowStart = START.minus(Duration.ofMinutes(15));
        failures.recordFailure("ilze", START, windowStart);
        failures.recordFailure("ilze", START, windowStart);

        failures.lock("ilze", START.plus(Duration.ofMinutes(15)));

        assertThat(failures.lockedUntil("ilze")).hasValue(Instant.parse("2030-01-01T09:15:00Z"));
        assertThat(failures.recordFailure("ilze", START.plusSeconds(1), windowStart)).isEqualTo(1);
        assertThat(failures.lockedUntil("anna")).isEmpty();
    }

    @Test
    void clearingForgetsTheCountAndTheLock() {
        failures.recordFailure("ilze", START, START);
        failures.lock("ilze", START.plusSeconds(900));

        failures.clear("ilze");

        assertThat(failures.lockedUntil("ilze")).isEmpty();
        assertThat(failures.recordFailure("ilze", START.plusSeconds(1), START.minusSeconds(900))).isEqualTo(1);
    }

    @Test
    void forgettingRemovesNamesWhoseLastFailureAndLockEndedBeforeTheCutoffOnly() {
        Instant longAgo = START.minus(Duration.ofDays(1));
        failures.recordFailure("old", START, longAgo);
        failures.recordFailure("old", START, longAgo);
        failures.recordFailure("recent", START.plusSeconds(600), longAgo);
        failures.recordFailure("locked", START, longAgo);
        failures.lock("locked", START.plusSeconds(1200));
        failures.recordFailure("lock-ended", START, longAgo);
        failures.lock("lock-ended", START.plusSeconds(300));

        failures.forgetBefore(START.plusSeconds(600));

        // forgotten: a new failure counts 1 even with a window reaching back a day
        assertThat(failures.recordFailure("old", START.plusSeconds(700), longAgo)).isEqualTo(1);
        assertThat(failures.lockedUntil("lock-ended")).isEmpty();
        // kept: the last failure is at the cutoff itself, or the lock outlasts it
        assertThat(failures.recordFailure("recent", START.plusSeconds(700), longAgo)).isEqualTo(2);
        assertThat(failures.lockedUntil("locked")).hasValue(START.plusSeconds(1200));
    }

    // the throttle over the store, with the default policy: 5 failures in 15 minutes lock for 15 minutes

    @Test
    void fiveFailuresWithinFifteenMinutesLockTheNameForFifteenMinutes() {
        failTimes("ilze", 5, Duration.ofMinutes(2));

        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofMinutes(15));
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofMinutes(5));
    }

    @Test
    void fourFailuresDoNotLock() {
        failTimes("ilze", 4, Duration.ofMinutes(1));

        assertThat(throttle.lockedFor("ilze")).isEmpty();
    }

    @Test
    void theFifthFailureExactlyFifteenMinutesAfterTheFirstStillLocks() {
        failTimes("ilze", 4, Duration.ofMinutes(3));
        clock.advance(Duration.ofMinutes(6));

        throttle.failed("ilze");

        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofMinutes(15));
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        failTimes("ilze", 4, Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(15));

        throttle.failed("ilze");

        assertThat(throttle.lockedFor("ilze")).isEmpty();
    }

    @Test
    void theLockEndsAfterFifteenMinutesAndTheCountStartsAfresh() {
        failTimes("ilze", 5, Duration.ZERO);
        clock.advance(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));

        assertThat(throttle.lockedFor("ilze")).isEmpty();
        failTimes("ilze", 4, Duration.ZERO);
        assertThat(throttle.lockedFor("ilze")).isEmpty();
        throttle.failed("ilze");
        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofMinutes(15));
    }

    @Test
    void aSuccessfulLoginStartsTheCountAfresh() {
        failTimes("ilze", 4, Duration.ZERO);

        throttle.succeeded("ilze");
        failTimes("ilze", 4, Duration.ZERO);

        assertThat(throttle.lockedFor("ilze")).isEmpty();
    }

    @Test
    void anyFailureForgetsNamesQuietForAWindowAndALockout() {
        failTimes("quiet", 4, Duration.ZERO);
        clock.advance(Duration.ofMinutes(30).plusSeconds(1));

        throttle.failed("someone else");

        // forgotten, not merely outside the window: even a day-long window finds one failure only
        assertThat(failures.recordFailure("quiet", clock.instant(), START.minus(Duration.ofDays(1)))).isEqualTo(1);
    }

    @Test
    void namesThatDifferOnlyInCaseOrBlanksShareOneCount() {
        throttle.failed("Ilze");
        throttle.failed(" ilze");
        throttle.failed("ILZE ");
        throttle.failed("ilze");
        throttle.failed("iLzE");

        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofMinutes(15));
        assertThat(throttle.lockedFor("anna")).isEmpty();
    }

    private void failTimes(String name, int times, Duration apart) {
        for (int i = 0; i < times; i++) {
            if (i > 0) {
                clock.advance(apart);
            }
            throttle.failed(name);
        }
    }
}
