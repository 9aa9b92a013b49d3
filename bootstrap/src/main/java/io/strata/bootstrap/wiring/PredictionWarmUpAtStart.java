package io.strata.bootstrap.wiring;

import io.strata.application.prediction.PredictionService;
import io.strata.application.prediction.PredictionWarmUp;
import io.strata.bootstrap.settings.PredictionSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The predictions' warm-up ({@link PredictionService#warmUp}) at start, unless predictions or their warm-up are switched
 * off (strata.predictions.enabled, strata.predictions.warm-up). It begins on a thread of its own as soon as the
 * prediction service exists, beside the rest of the start (the context's other beans, the migrations), and the web
 * server waits for it (this lifecycle starts just before it): the application reports UP and takes its first run with
 * the predictions' code compiled. A warm-up that fails or takes longer than {@link #WAIT_SECONDS} is told in the log and
 * never stops the start: it only costs the first run the compilation again.
 */
@Component
public class PredictionWarmUpAtStart implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PredictionWarmUpAtStart.class);
    static final long WAIT_SECONDS = 60;

    private final Optional<CompletableFuture<PredictionWarmUp>> warmUp;
    private volatile boolean running;

    public PredictionWarmUpAtStart(PredictionService predictions, PredictionSettings settings) {
        if (!settings.enabled() || !settings.warmUp()) {
            warmUp = Optional.empty();
            return;
        }
        CompletableFuture<PredictionWarmUp> future = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                future.complete(inPasses(predictions));
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
            }
        }, "predictions-warm-up");
        thread.setDaemon(true);
        thread.start();
        warmUp = Optional.of(future);
    }

    /** At most this many passes of the warm-up. */
    static final int MOST_PASSES = 5;

    /**
     * Passes of the warm-up until one leaves the JIT nearly idle (its compilers busy for at most a fifth of the pass),
     * at most {@link #MOST_PASSES}. One pass is not enough: it runs while the rest of the start keeps the compilers'
     * queues long, and HotSpot then raises the counts a method needs before C2 compiles it, so after one pass the
     * likelihoods, the read and the scoring were still at C1's tiers and the first run compiled them again
     * (docs/benchmarks.md, "Session 35: predictions"). Returns the last pass.
     */
    private PredictionWarmUp inPasses(PredictionService predictions) {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
        PredictionWarmUp pass;
        long compiling;
        int done = 0;
        do {
            long before = timed ? jit.getTotalCompilationTime() : 0;
            pass = predictions.warmUp();
            done++;
            compiling = timed ? jit.getTotalCompilationTime() - before : 0;
            log.debug("predictions' warm-up pass {}: {} ms, the JIT compiling for {} ms meanwhile", done, pass.millis(), compiling);
        } while (timed && done < MOST_PASSES && compiling * 5 > pass.millis());
        passes = done;
        return pass;
    }

    private volatile int passes;

    @Override
    public void start() {
        running = true;
        warmUp.ifPresent(future -> {
            long waitStarted = System.nanoTime();
            try {
                PredictionWarmUp done = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
                log.info("predictions warmed up in {} passes: {} made-up buyers, {} patterns, models {}, {} bytes of forecasts if alive, the last"
                                + " pass in {} ms ({} ms of the start waited for them)", passes, done.customers(), done.patterns(),
                        done.fitted() ? done.model() : "not fitted", done.forecastBytes(), done.millis(),
                        (System.nanoTime() - waitStarted) / 1_000_000);
            } catch (ExecutionException e) {
                log.warn("the predictions' warm-up failed (the first run compiles their code instead): {}", e.getCause().toString());
            } catch (TimeoutException e) {
                log.warn("the predictions' warm-up took more than {} s; the application starts without waiting for it", WAIT_SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** How many passes the warm-up made (0 until it is done). */
    public int passes() {
        return passes;
    }

    /** What the warm-up's last pass did, once it is done; empty when it is switched off, failed or is still going. */
    public Optional<PredictionWarmUp> result() {
        return warmUp.filter(f -> f.isDone() && !f.isCompletedExceptionally()).map(CompletableFuture::join);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Just before the web server's: it opens its port, and the application reports UP, once this has returned. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1;
    }
}
