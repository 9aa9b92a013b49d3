package io.strata.bootstrap.outage;

import io.strata.adapters.persistence.database.DatabaseReach;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.CronTrigger;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;

/**
 * Deletes the expired console sessions every minute on every node, as Spring Session's own clean-up did (its cron is
 * off: {@code spring.session.jdbc.cleanup-cron: "-"}), but while the database is out of reach it says so once and once
 * more when it works again ({@link DatabaseReach}) instead of a stack trace a minute.
 */
public final class ExpiredSessionsCleanup implements SmartLifecycle {

    static final String EVERY_MINUTE = "0 * * * * *";
    private static final Logger log = LoggerFactory.getLogger(ExpiredSessionsCleanup.class);

    private final JdbcIndexedSessionRepository sessions;
    private final DatabaseReach reach = new DatabaseReach("The clean-up of expired console sessions", "every minute");
    private final String cron;
    private ThreadPoolTaskScheduler scheduler;

    public ExpiredSessionsCleanup(JdbcIndexedSessionRepository sessions, String cron) {
        this.sessions = sessions;
        this.cron = cron;
    }

    /** One clean-up; what it failed on is logged, never thrown to the scheduler (whose handler logs a trace). */
    void cleanUp() {
        try {
            sessions.cleanUpExpiredSessions();
            reach.worked();
        } catch (RuntimeException e) {
            if (!reach.failed(e)) {
                log.warn("expired console sessions could not be deleted; tried again in a minute", e);
            }
        }
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("expired-sessions-");
        scheduler.setDaemon(true);
        scheduler.initialize();
        scheduler.schedule(this::cleanUp, new CronTrigger(cron));
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.destroy();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
