package io.strata.bootstrap.outage;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import io.strata.adapters.persistence.database.DatabaseReach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which lines the filter takes out while the database is out of reach. The full suite's DatabaseOutageLogTest once
 * caught a trace it let through: Spring's JdbcTransactionManager logging "Commit exception overridden by rollback
 * exception" when the link was cut at the commit of the sessions' clean-up (its logger is named after its class, not
 * org.springframework.transaction).
 */
class OutageTracesTest {

    private final LoggerContext logback = new LoggerContext();
    private final OutageTraces traces = new OutageTraces(new DatabaseReach("the test's scheduler", "at its next poll"));

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

    private FilterReply decide(String logger, Level level, Throwable failure) {
        return traces.decide(null, logback.getLogger(logger), level, "Commit exception overridden by rollback exception", null, failure);
    }
}
