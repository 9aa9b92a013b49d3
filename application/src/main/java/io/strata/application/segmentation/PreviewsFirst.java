package io.strata.application.segmentation;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The tactical previews being computed now, which a run's follow-ups let go first. The follow-ups (the migration from
 * the previous run, the programme and campaign measurements: minutes at 10M customers) are work no one waits for, and
 * each of their steps is a statement that may take both cores; a preview is someone at the console waiting. At 10M an
 * attribute preview asked right after a run's answer took 4.2 s when the migration's join of two runs started beside
 * it, 1.6 s when it did not (docs/benchmarks.md, session 41). So before each step after the run's partitions are
 * vacuumed, the follow-ups wait until no preview is in progress, at most {@code longestWait} per step, so that a stream
 * of previews delays them and never stops them. A step already running is not interrupted.
 */
public final class PreviewsFirst {

    /** How long a follow-up step waits at most for the previews in progress (a preview at 10M takes 1-2 s). */
    public static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

    private final long longestWaitNanos;
    private int inProgress;

    public PreviewsFirst() {
        this(LONGEST_WAIT);
    }

    public PreviewsFirst(Duration longestWait) {
        this.longestWaitNanos = longestWait.toNanos();
    }

    /** Computes a preview, counted as in progress until it answers or fails. */
    public <T> T during(Supplier<T> preview) {
        synchronized (this) {
            inProgress++;
        }
        try {
            return preview.get();
        } finally {
            synchronized (this) {
                inProgress--;
                notifyAll();
            }
        }
    }

    /**
     * Returns once no preview is in progress, or after the longest wait; answers whether it waited for any. An
     * interrupted wait returns at once, the thread's interrupt flag set again.
     */
    public synchronized boolean awaitNone() {
        if (inProgress == 0) {
            return false;
        }
        long deadline = System.nanoTime() + longestWaitNanos;
        try {
            for (long left = longestWaitNanos; inProgress > 0 && left > 0; left = deadline - System.nanoTime()) {
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }
}
