package io.strata.application.segmentation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A run's preparations (its predictions) while its assignment runs, on the other core: started when the assignment
 * has its snapshot, each on a thread of its own, reading that same snapshot; the assignment goes on once each has
 * taken it over, and the run completes only when they are done ({@link #finish}).
 */
final class PreparationsAlongside {

    private final List<RunPreparation> preparations;
    private final long runId;
    private final LocalDate asOf;
    private final List<CompletableFuture<Void>> running = new ArrayList<>();

    PreparationsAlongside(List<RunPreparation> preparations, long runId, LocalDate asOf) {
        this.preparations = List.copyOf(preparations);
        this.runId = runId;
        this.asOf = asOf;
    }

    /** The assignment's snapshot: returns once every preparation reads it (or has failed before it could). */
    void start(RunSnapshot snapshot) {
        List<CompletableFuture<Void>> read = new ArrayList<>();
        for (RunPreparation preparation : preparations) {
            CompletableFuture<Void> snapshotRead = new CompletableFuture<>();
            read.add(snapshotRead);
            running.add(CompletableFuture.runAsync(() -> {
                try {
                    preparation.alongsideAssignment(runId, asOf, snapshot, () -> snapshotRead.complete(null));
                } finally {
                    snapshotRead.complete(null);
                }
            }, task -> {
                Thread thread = new Thread(task, "segmentation-run-" + runId + "-preparation");
                thread.setDaemon(true);
                thread.start();
            }));
        }
        read.forEach(CompletableFuture::join);
    }

    /** Whether the engine shared its snapshot (an engine that cannot never starts them). */
    boolean started() {
        return !running.isEmpty();
    }

    /** Waits for every preparation started; a preparation's failure is the run's, as when it runs before. */
    void finish() {
        for (CompletableFuture<Void> preparation : running) {
            try {
                preparation.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
    }
}
