package io.strata.bootstrap;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's clock in the end-to-end tests: the system's time, which a test may move forward (never back) so
 * that an interval has passed when the test says so rather than when a slow or fast machine gets there.
 */
public final class SteerableClock extends Clock {

    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward; other tests share it");
        }
        ahead.updateAndGet(current -> current.plus(duration));
    }

    /**
     * Back to the system's time: before every test ({@code EndToEndTest}), and after a test that moved the clock by hours
     * or days. The tests compare what the application stamps (webhook timestamps, launch instants and days) with the
     * system's time, so even a second left by an earlier test can fail them. Only between tests.
     */
    public void reset() {
        ahead.set(Duration.ZERO);
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
        return Instant.now().plus(ahead.get());
    }
}
