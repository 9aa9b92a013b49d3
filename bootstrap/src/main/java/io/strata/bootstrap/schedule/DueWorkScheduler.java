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
 */
public final class DueWorkScheduler implements ApplicationRunner, Ordered, SmartLifecycle {

    static final String TASK = "strata-due-work";
    private static final Logger log = LoggerFactory.getLogger(DueWorkScheduler.class);

    private final Scheduler scheduler;
    private volatile boolean running;

    public DueWorkScheduler(DataSource dataSource, RunDueWork work, ScheduleSettings settings, SchemaAhead schema, DatabaseReach reach,
                            OutageTraces traces, JdbcSentForms sentForms) {
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
                .build();
    }

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

    @Override
    public void stop() {
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
