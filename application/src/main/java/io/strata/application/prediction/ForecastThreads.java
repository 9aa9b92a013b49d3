package io.strata.application.prediction;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;

/**
 * Where a chunk's forecasts if alive are summed. {@code ValueModel.Fitted.forecastsIfAlive} sums them as a parallel
 * stream, which runs on the pool of the thread that starts it: called from any other thread, the common pool (on two
 * cores the caller and one worker). Before the assignment (a segmentation that reads predictions waits for them) that
 * is what it should be. Beside the assignment both cores are already the assignment's (its two halves, or its
 * statement's parallel workers): there the second thread finished the forecasts no sooner and took its CPU from the
 * halves (docs/benchmarks.md, "Session 45: predictions, the buyers' read beside the run"), so the stream is started on
 * the one thread of a pool of its own and runs there, on one core, from start to end.
 */
final class ForecastThreads {

    /** The thread's name, as thread dumps and the CPU samplers (bench/cpu-sampler.py) show it. */
    static final String BESIDE_THE_ASSIGNMENT = "predictions-forecasts";

    /** One worker, made when first needed; it ends after a minute idle and is made again at the next run. */
    private static final ForkJoinPool ONE_THREAD = new ForkJoinPool(1, pool -> {
        ForkJoinWorkerThread thread = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        thread.setName(BESIDE_THE_ASSIGNMENT);
        thread.setDaemon(true);
        return thread;
    }, null, false);

    private ForecastThreads() {
    }

    /**
     * {@code forecasts} on the one thread, the caller waiting. A RuntimeException it throws (NotFitted: no finite
     * forecast) is thrown here as it is: the pool's own join would hand over a copy made on this thread, whose message
     * could differ from the one the run's summary stores.
     */
    static <T> T besideTheAssignment(Supplier<T> forecasts) {
        Object[] result = new Object[1];
        RuntimeException[] failed = new RuntimeException[1];
        ONE_THREAD.submit(() -> {
            try {
                result[0] = forecasts.get();
            } catch (RuntimeException e) {
                failed[0] = e;
            }
        }).join();
        if (failed[0] != null) {
            throw failed[0];
        }
        @SuppressWarnings("unchecked")
        T done = (T) result[0];
        return done;
    }
}
