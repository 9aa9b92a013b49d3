package io.strata.bootstrap;

import io.strata.application.imports.ImportCheckpoints;
import io.strata.application.imports.ImportReport;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The import checkpoints of the end-to-end tests: inert until a test arms them, then they hold imports at a point so
 * that overlap and progress are forced, not hoped for. Every wait is bounded, so a broken import fails its test
 * instead of hanging the suite. Tests run one at a time in the shared context; each disarms in a finally block.
 */
public final class SteerableImports implements ImportCheckpoints {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    /** Where in an import a test may make imports meet. */
    public enum Point { READING, BEFORE_MERGE }

    private volatile CountDownLatch meeting;
    private volatile Point meetingPoint;
    private final AtomicInteger metTogether = new AtomicInteger();
    private volatile CountDownLatch readingReached;
    private volatile CountDownLatch readingReleased;
    private volatile ImportReport heldReading;
    private volatile CountDownLatch mergeReached;
    private volatile CountDownLatch mergeReleased;
    private final BlockingQueue<ImportReport> progress = new LinkedBlockingQueue<>();
    private volatile CountDownLatch progressReleased;

    /** Holds each import at {@code point} until {@code imports} imports are all there: then they ran at the same time. */
    public void meetAt(Point point, int imports) {
        metTogether.set(0);
        meetingPoint = point;
        meeting = new CountDownLatch(imports);
    }

    /** How many imports found all the others at the meeting point while they were held there. */
    public int met() {
        return metTogether.get();
    }

    /** Holds the next import as it starts to read, until {@link #releaseReading()}. */
    public void holdWhenReading() {
        readingReleased = new CountDownLatch(1);
        readingReached = new CountDownLatch(1);
    }

    /** Waits for the import held as it starts to read, and answers it (so a test follows its own import). */
    public ImportReport awaitReading() throws InterruptedException {
        if (!readingReached.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no import started reading within " + PATIENCE);
        }
        return heldReading;
    }

    public void releaseReading() {
        readingReleased.countDown();
    }

    /** Holds the next import with all its rows read, before its merge, until {@link #releaseMerge()}. */
    public void holdBeforeMerge() {
        mergeReleased = new CountDownLatch(1);
        mergeReached = new CountDownLatch(1);
    }

    public void awaitBeforeMerge() throws InterruptedException {
        if (!mergeReached.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("no import read all its rows within " + PATIENCE);
        }
    }

    public void releaseMerge() {
        mergeReleased.countDown();
    }

    /** Holds the next import that saves progress, right after saving it, until {@link #releaseProgress()}. */
    public void holdAfterProgress() {
        progressReleased = new CountDownLatch(1);
    }

    public void releaseProgress() {
        progressReleased.countDown();
    }

    /**
     * The next progress saved by the import {@code importId}. Progress is queued from any import, also one a previous
     * test left reading in the shared context (its record then emptied away with the database): a test that drives one
     * import waits for that import's progress, not for whichever comes first.
     */
    public ImportReport awaitProgressOf(UUID importId) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        for (long left = PATIENCE.toNanos(); left > 0; left = deadline - System.nanoTime()) {
            ImportReport saved = progress.poll(left, TimeUnit.NANOSECONDS);
            if (saved != null && saved.importId().equals(importId)) {
                return saved;
            }
        }
        throw new AssertionError("import " + importId + " saved no progress within " + PATIENCE);
    }

    /** Back to inert, releasing anything still held. */
    public void disarm() {
        CountDownLatch[] held = {meeting, readingReleased, mergeReleased, progressReleased};
        meeting = null;
        meetingPoint = null;
        progressReleased = null;
        readingReached = null;
        readingReleased = null;
        heldReading = null;
        mergeReached = null;
        mergeReleased = null;
        progress.clear();
        for (CountDownLatch latch : held) {
            while (latch != null && latch.getCount() > 0) {
                latch.countDown();
            }
        }
    }

    @Override
    public void reading(ImportReport running) {
        meet(Point.READING);
        CountDownLatch release = readingReleased;
        CountDownLatch reached = readingReached;
        if (release != null && reached != null) {
            heldReading = running;
            reached.countDown();
            await(release);
        }
    }

    @Override
    public void progressSaved(ImportReport saved) {
        progress.add(saved);
        CountDownLatch release = progressReleased;
        if (release != null) {
            await(release);
        }
    }

    @Override
    public void beforeMerge(ImportReport running) {
        meet(Point.BEFORE_MERGE);
        CountDownLatch release = mergeReleased;
        CountDownLatch reached = mergeReached;
        if (release != null && reached != null) {
            reached.countDown();
            await(release);
        }
    }

    private void meet(Point here) {
        CountDownLatch all = meeting;
        if (all != null && meetingPoint == here) {
            all.countDown();
            if (await(all)) {
                metTogether.incrementAndGet();
            }
        }
    }

    private static boolean await(CountDownLatch latch) {
        try {
            return latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
