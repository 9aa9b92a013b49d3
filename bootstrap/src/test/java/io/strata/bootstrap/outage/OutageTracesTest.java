package io.strata.bootstrap.outage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.spi.FilterReply;
import io.strata.adapters.persistence.database.DatabaseReach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which lines the filter takes out while the database is out of reach. The full suite's DatabaseOutageLogTest once
 * caught a trace it let through: Spring's JdbcTransactionManager logging "Commit exception overridden by rollback
 * exception" when the link was cut at the commit of the sessions' clean-up (its logger is named after its class, not
 * org.springframework.transaction).
 */
class OutageTracesTest {

    private final LoggerContext logback = new LoggerContext();
    /** Our line for connections found closed, into a list; its clock moved by the test. */
    private final ch.qos.logback.classic.Logger ours = logback.getLogger("the-test's-reach");
    private final ListAppender<ILoggingEvent> ourLines = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong();
    private final OutageTraces traces = new OutageTraces(new DatabaseReach("the test's scheduler", "at its next poll"),
            new ClosedConnections(ours, nanos::get, Duration.ofMinutes(1)));

    /** Hikari 7's line, word for word ({@code PoolBase.isConnectionDead}), and its logger. */
    private static final String HIKARIS_LINE = "{} - Failed to validate connection {} ({}). Possibly consider using a shorter maxLifetime value.";
    private static final String HIKARIS_LOGGER = "com.zaxxer.hikari.pool.PoolBase";

    /** What pgjdbc throws when the socket breaks: SQLState 08006, "connection failure". */
    private static final SQLException BROKEN_LINK = new SQLException("An I/O error occurred while sending to the backend.", "08006");

    @Test
    void aCommitThatFailedOnABrokenLinkIsTakenOutWhicheverTransactionManagerLogsIt() {
        DataAccessResourceFailureException commit = new DataAccessResourceFailureException("JDBC commit; An I/O error occurred", BROKEN_LINK);

        assertThat(decide("org.springframework.jdbc.support.JdbcTransactionManager", Level.ERROR, commit)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.springframework.jdbc.datasource.DataSourceTransactionManager", Level.ERROR, commit)).isEqualTo(FilterReply.DENY);
        assertThat(decide("org.springframework.transaction.support.TransactionTemplate", Level.ERROR, commit)).isEqualTo(FilterReply.DENY);
        assertThat(decide("com.zaxxer.hikari.pool.HikariPool", Level.WARN, commit)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void anythingElsePassesUntouched() {
        DataAccessResourceFailureException commit = new DataAccessResourceFailureException("JDBC commit; An I/O error occurred", BROKEN_LINK);
        DuplicateKeyException notAnOutage = new DuplicateKeyException("duplicate key", new SQLException("duplicate key value", "23505"));

        assertThat(decide("org.springframework.jdbc.support.JdbcTransactionManager", Level.ERROR, notAnOutage)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.springframework.jdbc.support.JdbcTransactionManager", Level.INFO, commit)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("io.strata.application.campaign.CampaignMeasurement", Level.ERROR, commit)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.springframework.web.servlet.DispatcherServlet", Level.ERROR, commit)).isEqualTo(FilterReply.NEUTRAL);
        assertThat(decide("org.springframework.jdbc.support.JdbcTransactionManager", Level.ERROR, null)).isEqualTo(FilterReply.NEUTRAL);
    }

    /**
     * Hikari's WARN for each pooled connection the database had closed (8 at the first request after PostgreSQL stopped,
     * session 52's probe) is taken out, and said once per burst in our words; the burst's others at DEBUG.
     */
    @Test
    void connectionsTheDatabaseClosedAreSaidOncePerBurstInsteadOfOnceEach() {
        ours.setLevel(Level.DEBUG);
        ourLines.setContext(logback);
        ourLines.start();
        ours.addAppender(ourLines);

        for (int connection = 1; connection <= 8; connection++) {
            assertThat(hikariValidation("org.postgresql.jdbc.PgConnection@5e3" + connection, "This connection has been closed."))
                    .isEqualTo(FilterReply.DENY);
            nanos.addAndGet(Duration.ofMillis(5).toNanos());
        }
        nanos.addAndGet(Duration.ofSeconds(61).toNanos());
        assertThat(hikariValidation("org.postgresql.jdbc.PgConnection@7a1", "This connection has been closed.")).isEqualTo(FilterReply.DENY);

        String once = "Strata's pool of database connections found connections that the database had closed (\"This connection has been "
                + "closed.\"): the database was stopped or restarted, ended their sessions, or the network between them broke. The pool "
                + "drops them and opens new ones; if it cannot reach the database, the next line says so.";
        assertThat(ourLines.list).filteredOn(event -> event.getLevel() == Level.WARN).extracting(ILoggingEvent::getFormattedMessage)
                .as("one line for the burst of 8, one for the next burst a minute later").containsExactly(once, once);
        assertThat(ourLines.list).filteredOn(event -> event.getLevel() == Level.DEBUG).extracting(ILoggingEvent::getFormattedMessage)
                .hasSize(7).last().asString().startsWith("Strata's pool of database connections found one more connection that the "
                        + "database had closed (8 so far)");
    }

    /** A validation that failed for another reason is Hikari's to say, as before; so is any other line of Hikari's without a failure. */
    @Test
    void aValidationThatFailedForAnotherReasonPassesUntouched() {
        assertThat(hikariValidation("org.postgresql.jdbc.PgConnection@5e3", "An I/O error occurred while sending to the backend."))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(traces.decide(null, logback.getLogger(HIKARIS_LOGGER), Level.WARN, "{} - Connection {} marked as broken because of SQLSTATE({})",
                new Object[] {"strata", "org.postgresql.jdbc.PgConnection@5e3", "This connection has been closed."}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(traces.decide(null, logback.getLogger("org.example.Other"), Level.WARN, HIKARIS_LINE,
                new Object[] {"strata", "org.postgresql.jdbc.PgConnection@5e3", "This connection has been closed."}, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    private FilterReply hikariValidation(String connection, String driversWords) {
        return traces.decide(null, logback.getLogger(HIKARIS_LOGGER), Level.WARN, HIKARIS_LINE,
                new Object[] {"strata", connection, driversWords}, null);
    }

    private FilterReply decide(String logger, Level level, Throwable failure) {
        return traces.decide(null, logback.getLogger(logger), level, "Commit exception overridden by rollback exception", null, failure);
    }

    /**
     * The filter stays a little after its context is destroyed: the pool closes after it, and the run a stop cut past
     * its wait fails then, with the driver's traces of the closed connections (session 58's probe with the jar: three
     * traces and an ERROR after the stop's one-line WARN). Before, it was taken out of the log at once.
     */
    @Test
    void theFilterStaysALittleAfterItsContextIsDestroyedForTheWorkTheStopCut() throws Exception {
        LoggerContext global = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        OutageTraces stopping = new OutageTraces(new DatabaseReach("the test's scheduler", "at its next poll"),
                new ClosedConnections(ours, nanos::get, Duration.ofMinutes(1)), Duration.ofSeconds(3));
        stopping.afterPropertiesSet();
        assertThat(global.getTurboFilterList()).contains(stopping);

        stopping.destroy();

        assertThat(global.getTurboFilterList()).as("right after the destruction").contains(stopping);
        Thread.sleep(100);
        assertThat(global.getTurboFilterList()).as("while the cut work fails, 0.1 s later").contains(stopping);
        ch.qos.logback.classic.Logger pool = global.getLogger("com.zaxxer.hikari.pool.ProxyConnection");
        assertThat(stopping.decide(null, pool, Level.WARN, "{} - Connection {} marked as broken because of SQLSTATE({}), ErrorCode({})",
                null, BROKEN_LINK)).isEqualTo(FilterReply.DENY);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !global.getTurboFilterList().contains(stopping));
    }

    /**
     * A look at the clock that a stop cut (session 59: db-scheduler waits at most half the stop's wait for it) completes
     * after the pool closed: db-scheduler's ERROR "Failed while completing execution" with Hikari's "has been closed."
     * is the stop's, and taken out once the context is destroyed (the probe's log held it with 30 lines of trace); the
     * same failure before the destruction passes (a pool closed while Strata runs is not a stop's).
     */
    @Test
    void theSchedulersFailureToCompleteALookOnThePoolTheStopClosedIsTakenOut() throws Exception {
        LoggerContext global = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        OutageTraces stopping = new OutageTraces(new DatabaseReach("the test's scheduler", "at its next poll"),
                new ClosedConnections(ours, nanos::get, Duration.ofMinutes(1)), Duration.ofSeconds(3));
        ch.qos.logback.classic.Logger executePicked = global.getLogger("com.github.kagkarlsson.scheduler.ExecutePicked");
        RuntimeException completion = new RuntimeException("Unable to open connection",
                new SQLException("HikariDataSource HikariDataSource (strata) has been closed."));
        java.util.List<FilterReply> replies = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable decide = () -> replies.add(stopping.decide(null, executePicked, Level.ERROR, "Failed while completing execution {}, because {}",
                null, completion));

        Thread before = stopping.schedulerThreads("db-scheduler-").newThread(decide);
        before.start();
        before.join();
        stopping.afterPropertiesSet();
        stopping.destroy();
        Thread after = stopping.schedulerThreads("db-scheduler-").newThread(decide);
        after.start();
        after.join();

        assertThat(replies).containsExactly(FilterReply.NEUTRAL, FilterReply.DENY);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !global.getTurboFilterList().contains(stopping));
    }
}
