package io.strata.application.security;

import io.strata.application.security.port.out.LoginFailures;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {

    private final MovingClock clock = new MovingClock(Instant.parse("2030-01-01T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(new InMemoryFailures(), clock, LoginThrottle.Policy.DEFAULT);

    @Test
    void fiveFailuresWithinFifteenMinutesLockTheNameForFifteenMinutes() {
        failTimes("ilze", 5, Duration.ofMinutes(2));

        assertThat(throttle.lockedFor("ilze")).hasValue(Duration.ofMinutes(15));
    }

    @Test
    void fourFailuresDoNotLock() {
        failTimes("ilze", 4, Duration.ofMinutes(1));

        assertThat(throttle.lockedFor("ilze")).isEmpty();
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
        clock.advance(Duration.ofMinutes(15));

        assertThat(throttle.lockedFor("ilze")).isEmpty();
        throttle.failed("ilze");
        assertThat(throttle.lockedFor("ilze")).isEmpty();
    }

    @Test
    void aSuccessfulLoginStartsTheCountAfresh() {
        failTimes("ilze", 4, Duration.ZERO);

        throttle.succeeded("ilze");
        throttle.failed("ilze");

        assertThat(throttle.lockedFor("ilze")).isEmpty();
    }

    @Test
    void namesThatDifferOnlyInCaseOrBlanksShareOneCount() {
        throttle.failed("Ilze");
        throttle.failed(" ilze");
        throttle.failed("ILZE ");
        throttle.failed("ilze");
        throttle.failed("iLzE");

        assertThat(throttle.lockedFor("ilze")).isPresent();
        assertThat(throttle.lockedFor("anna")).isEmpty();
    }

    private void failTimes(String name, int times, Duration apart) {
        for (int i = 0; i < times; i++) {
            throttle.failed(name);
            clock.advance(apart);
        }
        clock.advance(apart.negated());
    }

    /** The same meaning as the SQL of the PostgreSQL adapter, kept in a map. */
    static final class InMemoryFailures implements LoginFailures {

        private record Row(int failures, Instant windowStartedAt, Instant lastFailureAt, Instant lockedUntil) {
        }

        private final Map<String, Row> rows = new HashMap<>();

        @Override
        public Optional<Instant> lockedUntil(String name) {
            return Optional.ofNullable(rows.get(name)).map(Row::lockedUntil);
        }

        @Override
        public int recordFailure(String name, Instant now, Instant windowStart) {
            Row row = rows.get(name);
            Row next = row == null ? new Row(1, now, now, null)
                    : row.windowStartedAt().isBefore(windowStart) ? new Row(1, now, now, row.lockedUntil())
                    : new Row(row.failures() + 1, row.windowStartedAt(), now, row.lockedUntil());
            rows.put(name, next);
            return next.failures();
        }

        @Override
        public void lock(String name, Instant until) {
            Row row = rows.get(name);
            rows.put(name, new Row(0, row.windowStartedAt(), row.lastFailureAt(), until));
        }

        @Override
        public void clear(String name) {
            rows.remove(name);
        }

        @Override
        public void forgetBefore(Instant cutoff) {
            rows.values().removeIf(r -> r.lastFailureAt().isBefore(cutoff) && (r.lockedUntil() == null || r.lockedUntil().isBefore(cutoff)));
        }
    }

    static final class MovingClock extends Clock {

        private Instant now;

        MovingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
