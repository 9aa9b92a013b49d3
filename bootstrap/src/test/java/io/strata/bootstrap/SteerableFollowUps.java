package io.strata.bootstrap;

import io.strata.application.segmentation.CompletedRunFollowUp;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A follow-up of every completed run in the end-to-end tests' context, inert until a test holds it: then the run's
 * worker waits in it (at most {@link #PATIENCE}) until the test lets go, so a test can look at what a caller and the
 * pages see while the work after a run is still going on. Each test lets go in a finally block.
 */
public final class SteerableFollowUps implements CompletedRunFollowUp {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private volatile CountDownLatch released;
    private volatile CountDownLatch entered = new CountDownLatch(1);

    public void hold() {
        entered = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits (at most a minute) until a run's follow-ups wait in the hold; a minute without them is a failure. */
    public void awaitHeld() throws InterruptedException {
        if (!entered.await(1, TimeUnit.MINUTES)) {
            throw new AssertionError("no run's follow-ups reached the hold within a minute");
        }
    }

    public void letGo() {
        CountDownLatch current = released;
        released = null;
        if (current != null) {
            current.countDown();
        }
    }

    @Override
    public void afterCompletion(long runId) {
        CountDownLatch current = released;
        if (current == null) {
            return;
        }
        entered.countDown();
        try {
            current.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
