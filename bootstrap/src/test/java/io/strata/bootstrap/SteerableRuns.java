package io.strata.bootstrap;

import io.strata.application.segmentation.CompletedRunFollowUp;
import io.strata.application.segmentation.RunFollowUp;
import io.strata.domain.segmentation.GeneralSegmentation;

import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A follow-up of every run's assignment in the end-to-end tests' context, inert until a test holds it: then the run's
 * worker waits in it (at most {@link #PATIENCE}) with the run still RUNNING, its claim and connections held, until the
 * test lets go; {@link #awaitHeld()} tells the test that a run is there. Each test lets go in a finally block. It also
 * tells a test that expects a run's completion when the next run has completed ({@link #awaitCompleted()}), since a run
 * a look at the clock starts has no caller to answer.
 */
public final class SteerableRuns implements RunFollowUp, CompletedRunFollowUp {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private volatile CountDownLatch released;
    private volatile CountDownLatch entered;
    private volatile CountDownLatch completed = new CountDownLatch(0);

    public void hold() {
        entered = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits (at most a minute) until a run waits in the hold; a minute without one is a failure. */
    public void awaitHeld() throws InterruptedException {
        if (!entered.await(1, TimeUnit.MINUTES)) {
            throw new AssertionError("no run reached the hold within a minute");
        }
    }

    public void expectCompletion() {
        completed = new CountDownLatch(1);
    }

    /** Waits (at most a minute) until a run completed after {@link #expectCompletion()}. */
    public void awaitCompleted() throws InterruptedException {
        if (!completed.await(1, TimeUnit.MINUTES)) {
            throw new AssertionError("no run completed within a minute");
        }
    }

    @Override
    public void afterCompletion(long runId) {
        completed.countDown();
    }

    public void letGo() {
        CountDownLatch current = released;
        released = null;
        if (current != null) {
            current.countDown();
        }
    }

    @Override
    public void afterAssignment(long runId, GeneralSegmentation definition, LocalDate asOf) {
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
