package io.strata.bootstrap.wiring;

import io.strata.application.campaign.DeliveryRelay;
import io.strata.application.segmentation.SegmentationRunService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * When Strata stops (SIGTERM, a deploy), a run under way on the run's worker finishes before the database's pool closes,
 * and the work after a run stops at its next step, left for the next start: before, the pool closed under both, the run
 * was recorded interrupted at the next start and the log filled with the driver's stack traces.
 *
 * <p>Stopped after the web server's graceful shutdown (which no longer takes requests, so no run can start meanwhile,
 * and whose requests that wait for a run have had their answer) and before the pool, which is closed with the beans.
 * The wait is bounded by Spring's own {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s unless set): a run
 * longer than that is still cut, as before, and said so in one line.
 *
 * <p>The relay of campaign deliveries likewise (session 58): it finishes the batch it is posting, marks it and claims no
 * further one ({@link DeliveryRelay#stopClaiming}), within the same wait; the rest waits, untried, for the first look at
 * the clock after the restart. Before, it went on claiming until the dispatch pool's own wait ran out and interrupted the
 * batch under way, which the receiver had taken and got again after the restart.
 */
final class RunWorkAtStop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RunWorkAtStop.class);

    private final SegmentationRunService runs;
    private final ExecutorService runWorker;
    private final ExecutorService followUpWorker;
    private final DeliveryRelay relay;
    private final ThreadPoolTaskExecutor dispatchWorkers;
    private final Duration patience;
    private volatile boolean running;

    RunWorkAtStop(SegmentationRunService runs, ExecutorService runWorker, ExecutorService followUpWorker, DeliveryRelay relay,
                  ThreadPoolTaskExecutor dispatchWorkers, Duration patience) {
        this.runs = runs;
        this.runWorker = runWorker;
        this.followUpWorker = followUpWorker;
        this.relay = relay;
        this.dispatchWorkers = dispatchWorkers;
        this.patience = patience;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        long deadline = System.nanoTime() + patience.toNanos();
        // Spring Boot takes the JDK logging bridge away as the context closes, and the application's services log
        // through java.util.logging: without it, what the run and its follow-ups say while they finish would be lost
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.install();
        }
        runs.stopFollowUps();
        relay.stopClaiming();
        // the run first: completing, it hands its follow-ups to the other worker, which must still take them (they
        // return at once, left for the next start)
        runWorker.shutdown();
        if (!awaitUntil(runWorker, deadline)) {
            log.warn("A segmentation run was still under way after {} s of waiting for it while Strata stops; it stops with the "
                    + "database, and the next start records it as interrupted: a run its schedule started is started again by the "
                    + "schedule, once; start any other again then", patience.toSeconds());
        }
        followUpWorker.shutdown();
        if (!awaitUntil(followUpWorker, deadline)) {
            log.warn("The work after a run (migrations, measurements) was still in a step after {} s of waiting while Strata stops; "
                    + "the next start does it again", patience.toSeconds());
        }
        // the pool takes no new relay since the context began to close (its early shutdown); those under way end after their batch
        ExecutorService relays = dispatchWorkers.getThreadPoolExecutor();
        relays.shutdown();
        if (!awaitUntil(relays, deadline)) {
            log.warn("A batch of campaign deliveries was still being posted to its webhook after {} s of waiting while Strata stops; "
                    + "it is interrupted and sent again after the restart (once it is marked FAILED, or its claim's lease has run out), so "
                    + "its receiver may get it twice (the same webhook-id): receivers drop repeats by deliveryId", patience.toSeconds());
        }
    }

    private static boolean awaitUntil(ExecutorService worker, long deadline) {
        try {
            return worker.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stopped after the graceful shutdown's phase, before the web server itself (lower phases stop later)
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 512;
    }
}
