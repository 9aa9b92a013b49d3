package io.strata.bootstrap.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.strata.application.schedule.DueWorkReport;
import io.strata.adapters.persistence.database.DatabaseReach;
import io.strata.adapters.persistence.database.SchemaAhead;
import io.strata.application.schedule.port.in.RunDueWork;
import io.strata.bootstrap.forms.JdbcSentForms;
import io.strata.bootstrap.outage.OutageTraces;
import io.strata.bootstrap.settings.ScheduleSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * db-scheduler, configured by hand (its Boot starter does nothing under Boot 4): one recurring task, kept in the
 * {@code scheduled_tasks} table, that looks at the clock through {@link RunDueWork}. The table lets one node at a time
 * pick the task, and a node that dies holding it is found by its stale heartbeat, so the look goes on elsewhere.
 * What is due is decided by the application with its own clock; this only keeps the beat.
 *
 * <p>It starts after the restart sweep ({@code InterruptedWorkAtStart}, order 1), so that a run the previous process left
 * RUNNING is recorded as interrupted before a missed schedule's run is started, rather than skipping it as busy.
 *
 * <p>A node whose database a newer version has migrated since it started ({@link SchemaAhead}) passes its turn: it
 * starts no run and launches nothing with statements written for the schema before (docs/scale-out.md, "Upgrading");
 * the task's next beat may go to a node of the new version.
 *
 * <p>While the database is out of reach the scheduler says so once, and once more when its look works again
 * ({@link DatabaseReach}; db-scheduler's own traces are taken out by {@code OutageTraces}). When the database went away
 * while db-scheduler completed the look's execution, the completion is done again at each poll until the database
 * answers ({@link LateCompletion}), rather than the execution staying picked until found dead half an hour later.
 *
 * <p>A process that stops in the middle of a look (killed, or a stop whose wait ran out while an automatic launch was under
 * way) leaves its execution picked: it is found dead after {@link #MISSED_HEARTBEATS} heartbeats of {@link #HEARTBEAT}
 * are missed (a minute), not after db-scheduler's 5 minutes × 6 (session 59). When Strata stops, the look stops before its
 * next step ({@link RunDueWork#stopLooking}) and db-scheduler waits for it at most half the stop's wait.
 */
public final class DueWorkScheduler implements ApplicationRunner, Ordered, SmartLifecycle {

    static final String TASK = "strata-due-work";
    /**
     * How often db-scheduler records that a look is still under way, and how many such records missed make its execution
     * dead (then revived, due at once, on any node): a minute. With db-scheduler's defaults (5 minutes × 6, found at its
     * check every 10 minutes) a process killed in the middle of a look left no look on any node, the restarted one
     * included, for 30 to 40 minutes: no automatic launch (the launch the kill cut among them), no scheduled run, no run
     * owed again, no relay of untried deliveries (session 59's probe with the jar: campaigns due at 09:00:24 still
     * SCHEDULED half a minute after the restart, the look picked by the killed process). A node whose own heartbeats fail
     * for a minute while its look goes on (its database away that long) may be found dead and a second look run beside
     * it; the look's work is guarded against that (an owed run claimed by compare-and-set, one RUNNING run, a launch
     * holding its campaign).
     */
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    static final int MISSED_HEARTBEATS = 6;
    private static final Logger log = LoggerFactory.getLogger(DueWorkScheduler.class);

    private final Scheduler scheduler;
    private volatile boolean running;

    public DueWorkScheduler(DataSource dataSource, RunDueWork work, ScheduleSettings settings, SchemaAhead schema, DatabaseReach reach,
                            OutageTraces traces, JdbcSentForms sentForms, Duration stopWait) {
        this.work = work;
        RecurringTask<Void> look = Tasks.recurring(TASK, FixedDelay.of(settings.checkEvery())).execute((instance, context) -> look(work, schema, sentForms, reach));
        // db-scheduler's threads are this application's own, so that its traces of an outage reach this reach (OutageTraces)
        this.executors = List.of(Executors.newFixedThreadPool(1, traces.schedulerThreads("db-scheduler-")),
                Executors.newSingleThreadExecutor(traces.schedulerThreads("db-scheduler-execute-due-")),
                Executors.newScheduledThreadPool(3, traces.schedulerThreads("db-scheduler-housekeeper-")));
        this.lateCompletion = new LateCompletion(this::pollNow);
        this.pollingInterval = settings.pollingInterval();
        this.scheduler = Scheduler.create(dataSource).startTasks(look).pollingInterval(pollingInterval)
                .executorService(executors.get(0)).dueExecutor(executors.get(1))
                .housekeeperExecutor((ScheduledExecutorService) executors.get(2))
                .addExecutionInterceptor(lateCompletion)
                .heartbeatInterval(HEARTBEAT).missedHeartbeatsLimit(MISSED_HEARTBEATS)
                // db-scheduler waits this long for the look, then interrupts it and waits as long again: the stop's wait in all
                .shutdownMaxWait(stopWait.dividedBy(2))
                .build();
    }

    private final RunDueWork work;

    /** The look's completion left undone by the database's going away, done again at each poll until it answers. */
    private final LateCompletion lateCompletion;
    private final Duration pollingInterval;

    private void pollNow() {
        scheduler.triggerCheckForDueExecutions();
    }

    /** The executors given to db-scheduler, ended after it stops. */
    private final List<ExecutorService> executors;

    /**
     * One look at the clock: nothing on a node older than its database; else the console's expired sent forms are
     * forgotten (one delete by index) and the due work is done. Answers whether it looked (false: passed).
     */
    static boolean look(RunDueWork work, SchemaAhead schema, JdbcSentForms sentForms, DatabaseReach reach) {
        try {
            var olderThanTheDatabase = schema.newerVersionMigrated();
            if (olderThanTheDatabase.isPresent()) {
                log.warn("scheduled work passed: {}", olderThanTheDatabase.get());
                return false;
            }
            int forgotten = sentForms.forgetExpired();
            if (forgotten > 0) {
                log.debug("forgot {} expired console forms", forgotten);
            }
            DueWorkReport report = work.runDueWork();
            if (!report.runsFailed().isEmpty() || !report.runsStarted().isEmpty() || !report.launched().isEmpty() || !report.flagged().isEmpty()) {
                log.info("scheduled work: runs without a worker failed {}, runs started {}, campaigns launched {}, flagged {}",
                        report.runsFailed(), report.runsStarted(), report.launched(), report.flagged());
            }
            reach.worked();
        } catch (RuntimeException e) {
            // the next beat tries again; a failed look must not stop the recurring task; the database out of reach is said once
            if (!reach.failed(e)) {
                log.warn("scheduled work failed and is tried again at the next check", e);
            }
        }
        return true;
    }

    @Override
    public void run(ApplicationArguments args) {
        scheduler.start();
        ((ScheduledExecutorService) executors.get(2)).scheduleWithFixedDelay(lateCompletion::completeWhatWasLeft,
                pollingInterval.toMillis(), pollingInterval.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public int getOrder() {
        return 2;
    }

    /** Started by {@link #run}, after the sweep; the context only stops it. */
    @Override
    public boolean isAutoStartup() {
        return false;
    }

    @Override
    public void start() {
        // see isAutoStartup
    }

    /**
     * Stopped first when Strata stops (before the web server's graceful wait). The look under way stops before its next
     * step (the owed run, the next due launch, the relay of untried deliveries: each is done by the first look after the
     * restart); the step under way, a launch say, finishes or, beyond half the stop's wait, is cut with the database and
     * rolls back. Before session 59 db-scheduler waited up to 2 × 30 minutes for the look, which went on launching every
     * due campaign after the SIGTERM while the web server still took requests (probed: a stop with a wait of 1 s took
     * 22 s and launched three campaigns meanwhile).
     */
    @Override
    public void stop() {
        // Spring Boot takes the JDK logging bridge away as the context closes, and the look logs through java.util.logging:
        // without it, what the look cut says (a launch left for the next look) would be lost (as in RunWorkAtStop)
        if (!org.slf4j.bridge.SLF4JBridgeHandler.isInstalled()) {
            org.slf4j.bridge.SLF4JBridgeHandler.install();
        }
        work.stopLooking();
        if (running) {
            scheduler.stop();
        }
        executors.forEach(ExecutorService::shutdownNow);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
