package io.strata.bootstrap.outage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.strata.adapters.persistence.database.DatabaseReach;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

import java.time.Duration;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The stack traces that db-scheduler and Hikari log by themselves while the database is out of reach, taken out of the
 * log (Logback): db-scheduler's polling logged "Unhandled exception. Will keep running." with a trace every polling
 * interval (10 s), Hikari "Pool is empty, failed to create/setup connection" with one, and Spring's transactions
 * "Application exception overridden by rollback exception" with one when a connection broke in the middle of work
 * (the failure itself goes on to whoever did the work, which says it once). What stands instead is one line each way:
 * the scheduler's {@link DatabaseReach} (its failures noted here, its success by the look at the clock) and the pool's
 * own (in adapters-persistence, where the connecting is watched). A failure of another kind passes untouched.
 * <p>
 * Hikari's "Failed to validate connection … (This connection has been closed.)", one WARN per pooled connection the
 * database had closed, is taken out too, and said once per burst in Strata's words ({@link ClosedConnections}). It
 * carries no exception, only pgjdbc's words, so it is told by its words; a validation that failed otherwise passes.
 */
public final class OutageTraces extends TurboFilter implements InitializingBean, DisposableBean {

    private static final String SCHEDULER = "com.github.kagkarlsson.scheduler";
    private static final String POOL = "com.zaxxer.hikari";
    /** Spring's transactions: "Application exception overridden by rollback exception" when the connection broke mid-work. */
    private static final String TRANSACTIONS = "org.springframework.transaction";
    /** Spring's transaction managers log under their own class's name: "Commit exception overridden by rollback exception". */
    private static final String SPRING = "org.springframework.";
    private static final String TRANSACTION_MANAGER = "TransactionManager";
    /** Hikari's line for a pooled connection found dead as it was handed out ({@code PoolBase.isConnectionDead}). */
    static final String VALIDATION_FAILED = "{} - Failed to validate connection {} ({}).";
    /**
     * pgjdbc's words for a connection it had already found broken (SQLState 08003): the pool's look at it failed, and
     * Hikari's giving back of the connection's network timeout afterwards then met the connection closed.
     */
    static final String CLOSED = "This connection has been closed.";

    private final DatabaseReach scheduler;
    /** The threads of this application's db-scheduler: another application in the same JVM (tests) has its own filter. */
    private final Set<Thread> schedulerThreads = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));
    private final AtomicInteger threadNumber = new AtomicInteger();
    private final ClosedConnections closedConnections;
    /** How long the filter stays after the context is destroyed ({@link #destroy}). */
    static final Duration AFTER_DESTROY = Duration.ofSeconds(10);
    private final Duration afterDestroy;
    /** Set when the context is destroyed: the pool closes next. */
    private volatile boolean destroyed;

    public OutageTraces(DatabaseReach scheduler) {
        this(scheduler, new ClosedConnections());
    }

    OutageTraces(DatabaseReach scheduler, ClosedConnections closedConnections) {
        this(scheduler, closedConnections, AFTER_DESTROY);
    }

    OutageTraces(DatabaseReach scheduler, ClosedConnections closedConnections, Duration afterDestroy) {
        this.scheduler = scheduler;
        this.closedConnections = closedConnections;
        this.afterDestroy = afterDestroy;
        setName("strata-outage-traces");
    }

    /** Threads for this application's db-scheduler, whose traces of the database out of reach this filter takes. */
    public ThreadFactory schedulerThreads(String prefix) {
        return work -> {
            Thread thread = new Thread(work, prefix + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            schedulerThreads.add(thread);
            return thread;
        };
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || !level.isGreaterOrEqual(Level.WARN) || logger == null) {
            return FilterReply.NEUTRAL;
        }
        boolean fromScheduler = logger.getName().startsWith(SCHEDULER);
        if (fromScheduler && !schedulerThreads.contains(Thread.currentThread())) {
            return FilterReply.NEUTRAL;
        }
        boolean fromPool = logger.getName().startsWith(POOL);
        if (!fromScheduler && !fromPool && !fromTransactions(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        if (fromPool && closedConnectionFound(format, params)) {
            closedConnections.found(CLOSED);
            return FilterReply.DENY;
        }
        Throwable failure = t != null ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
        if (failure == null) {
            return FilterReply.NEUTRAL;
        }
        if (destroyed && fromScheduler && poolClosed(failure)) {
            // the look a stop cut, completed after the pool closed: said by db-scheduler's own one-line WARN at its stop
            return FilterReply.DENY;
        }
        boolean outOfReach = fromScheduler ? scheduler.failed(failure) : DatabaseReach.lost(failure);
        return outOfReach ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    /**
     * Hikari's refusal of a connection once the pool is closed ("HikariDataSource HikariDataSource (strata) has been
     * closed.", no SQLState), along the causes. Only after the context is destroyed is it the stop's: db-scheduler's
     * completion of a look the stop cut (session 59's probe: an ERROR "Failed while completing execution" and 30 lines
     * of trace after the stop's other lines).
     */
    private static boolean poolClosed(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException && t.getMessage() != null && t.getMessage().startsWith("HikariDataSource ")
                    && t.getMessage().endsWith(" has been closed.")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Hikari's validation line whose reason is pgjdbc's "This connection has been closed." (its third argument). */
    private static boolean closedConnectionFound(String format, Object[] params) {
        return format != null && format.startsWith(VALIDATION_FAILED) && params != null && params.length >= 3 && CLOSED.equals(params[2]);
    }

    private static boolean fromTransactions(String logger) {
        return logger.startsWith(TRANSACTIONS) || logger.startsWith(SPRING) && logger.endsWith(TRANSACTION_MANAGER);
    }

    @Override
    public void afterPropertiesSet() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            start();
            context.addTurboFilter(this);
        }
    }

    /**
     * Taken out of the log a little after the context is destroyed, not at once: the pool closes after this bean, and the
     * work a stop cut (a run or the work after it still under way when the stop's wait ran out, docs/architecture.md,
     * "When Strata is stopped") fails in the moments after, with the driver's and Spring's traces of the closed
     * connections ("Connection … marked as broken … An I/O error occurred while sending to the backend", "Application
     * exception overridden by rollback exception"). Those are the stop's, said in one line by {@code RunWorkAtStop}, and
     * are taken out as an outage's are; before session 58 they filled the log of every stop that cut a run.
     */
    @Override
    public void destroy() {
        destroyed = true;
        Thread later = new Thread(() -> {
            try {
                Thread.sleep(afterDestroy.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
                context.getTurboFilterList().remove(this);
            }
            stop();
        }, "strata-outage-traces-end");
        later.setDaemon(true);
        later.start();
    }
}
