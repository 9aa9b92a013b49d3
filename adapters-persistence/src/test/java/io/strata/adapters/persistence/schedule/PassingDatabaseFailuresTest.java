package io.strata.adapters.persistence.schedule;

import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Session 60 (review item 6): which of PostgreSQL's failures {@link PassingDatabaseFailures} takes as passing, over
 * exception chains built as the driver and Spring build them, without a database: the SQLStates, the exceptions the
 * project's {@code JdbcClient} makes of them, a busy pool as the pool, Spring and {@code WorkClaims} surface it, and a
 * cause cycle. The integration test (ScheduledStartAfterPassingFailureTest) only meets 57P01 through
 * {@code pg_terminate_backend}.
 */
class PassingDatabaseFailuresTest {

    private final PassingDatabaseFailures failures = new PassingDatabaseFailures();

    /**
     * The oracle: each SQLState, whether it passes, and the exception the project's {@code JdbcClient} throws for it. The
     * project provides no {@code sql-error-codes.xml}, so Spring's {@code JdbcTemplate} (under Boot's {@code JdbcClient})
     * translates with {@link SQLExceptionSubclassTranslator}, and its SQLState fallback for a driver's plain
     * {@link SQLException} (a {@link PSQLException} is one); what it does not translate becomes an
     * {@link UncategorizedSQLException} (55P03 and 25006: seen with Spring 7.0.10).
     */
    private static final Map<String, Expected> STATES = new LinkedHashMap<>();

    private record Expected(boolean passes, Class<? extends DataAccessException> thrown) {
    }

    static {
        // passing: done again a little later, very likely goes through
        STATES.put("40P01", new Expected(true, PessimisticLockingFailureException.class)); // deadlock_detected
        STATES.put("40001", new Expected(true, CannotAcquireLockException.class)); // serialization_failure
        STATES.put("55P03", new Expected(true, UncategorizedSQLException.class)); // lock_not_available (lock_timeout)
        STATES.put("53300", new Expected(true, DataAccessResourceFailureException.class)); // too_many_connections
        STATES.put("08006", new Expected(true, DataAccessResourceFailureException.class)); // connection_failure
        STATES.put("08001", new Expected(true, DataAccessResourceFailureException.class)); // unable to connect
        STATES.put("57P01", new Expected(true, DataAccessResourceFailureException.class)); // admin_shutdown, pg_terminate_backend
        STATES.put("57P02", new Expected(true, DataAccessResourceFailureException.class)); // crash_shutdown
        STATES.put("57P03", new Expected(true, DataAccessResourceFailureException.class)); // cannot_connect_now
        // not passing: it would come again the same way
        STATES.put("23505", new Expected(false, DuplicateKeyException.class)); // unique_violation
        STATES.put("57014", new Expected(false, QueryTimeoutException.class)); // query_canceled (a statement timeout)
        STATES.put("25006", new Expected(false, UncategorizedSQLException.class)); // read_only_sql_transaction
        STATES.put("42P01", new Expected(false, BadSqlGrammarException.class)); // undefined_table
        STATES.put("23514", new Expected(false, DataIntegrityViolationException.class)); // check_violation
        STATES.put("53100", new Expected(false, DataAccessResourceFailureException.class)); // disk_full
        STATES.put("P0001", new Expected(false, UncategorizedSQLException.class)); // raise_exception (a trigger)
    }

    /** A PostgreSQL error as the driver builds it from the server's message (severity, SQLState, message). */
    private static PSQLException postgres(String state) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0Mthe server's words for " + state + "\0"));
    }

    /** The JdbcTemplate under the project's JdbcClient, as it turns an SQLException into what the caller gets. */
    private static final class Translating extends JdbcTemplate {
        DataAccessException thrown(SQLException failure) {
            return translateException("PreparedStatementCallback", "insert into segmentation_runs ...", failure);
        }
    }

    @Test
    void eachSqlStateAloneIsPassingOrNotAsWrittenOut() {
        STATES.forEach((state, expected) -> {
            PSQLException failure = postgres(state);
            assertThat(failure.getSQLState()).isEqualTo(state);
            assertThat(failures.passes(new RuntimeException("wrapped", failure))).as(state).isEqualTo(expected.passes());
        });
    }

    @Test
    void whatTheProjectsJdbcClientThrowsForEachSqlStateIsPassingOrNotAsWrittenOut() {
        Translating jdbc = new Translating();
        assertThat(jdbc.getExceptionTranslator()).as("no sql-error-codes.xml: the translator JdbcClient uses")
                .isInstanceOf(SQLExceptionSubclassTranslator.class);
        STATES.forEach((state, expected) -> {
            DataAccessException thrown = jdbc.thrown(postgres(state));
            assertThat(thrown).as(state).isExactlyInstanceOf(expected.thrown());
            assertThat(failures.passes(thrown)).as(state + " as " + thrown.getClass().getSimpleName()).isEqualTo(expected.passes());
        });
    }

    /** Were an sql-error-codes.xml added, Spring would translate by PostgreSQL's codes: other classes, the same answers. */
    @Test
    void theErrorCodeTranslationOfEachSqlStateIsPassingOrNotAsWrittenOut() {
        SQLErrorCodeSQLExceptionTranslator codes = new SQLErrorCodeSQLExceptionTranslator("PostgreSQL");
        STATES.forEach((state, expected) -> {
            DataAccessException translated = codes.translate("task", "select 1", postgres(state));
            RuntimeException thrown = translated != null ? translated : new UncategorizedSQLException("task", "select 1", postgres(state));
            assertThat(failures.passes(thrown)).as(state + " as " + thrown.getClass().getSimpleName()).isEqualTo(expected.passes());
        });
    }

    /** The Spring exceptions written out as the translators produce them (the classes the reviewer named among them). */
    @Test
    void springsExceptionsWithThePostgresErrorAsCause() {
        assertThat(failures.passes(new CannotAcquireLockException("could not obtain lock", postgres("55P03")))).isTrue();
        assertThat(failures.passes(new CannotAcquireLockException("serialize", postgres("40001")))).isTrue();
        assertThat(failures.passes(new PessimisticLockingFailureException("deadlock", postgres("40P01")))).isTrue();
        assertThat(failures.passes(new DataAccessResourceFailureException("too many", postgres("53300")))).isTrue();
        assertThat(failures.passes(new DataAccessResourceFailureException("terminated", postgres("57P01")))).isTrue();
        assertThat(failures.passes(new DataAccessResourceFailureException("disk full", postgres("53100")))).isFalse();
        assertThat(failures.passes(new DuplicateKeyException("duplicate", postgres("23505")))).isFalse();
        assertThat(failures.passes(new QueryTimeoutException("cancelled", postgres("57014")))).isFalse();
        // a Spring exception without an SQLException beneath is not taken on its class alone
        assertThat(failures.passes(new CannotAcquireLockException("no cause"))).isFalse();
        assertThat(failures.passes(new DataAccessResourceFailureException("no cause"))).isFalse();
    }

    /**
     * A busy pool: Hikari's timeout is an {@link SQLTransientConnectionException} without a SQLState (with one, the
     * state of the last failure to connect, it is that failure's: 08001 passes, a refused password does not). Spring's
     * {@code DataSourceUtils} wraps it in {@link CannotGetJdbcConnectionException}, a transaction's begin in
     * {@link CannotCreateTransactionException}, and {@code WorkClaims.holdNew} (a run's claim, taken first) in an
     * {@link IllegalStateException} with it as cause.
     */
    @Test
    void aBusyPoolPassesHoweverItSurfaces() {
        SQLTransientConnectionException busy = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 30000ms (total=10, active=10, idle=0, waiting=3)");
        assertThat(failures.passes(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", busy))).isTrue();
        assertThat(failures.passes(new CannotCreateTransactionException("Could not open JDBC Connection for transaction", busy))).isTrue();
        assertThat(failures.passes(new IllegalStateException("could not claim a new item of RUNS: " + busy.getMessage(), busy))).isTrue();
        assertThat(failures.passes(new Translating().thrown(busy))).as("translated by JdbcTemplate").isTrue();

        SQLTransientConnectionException unreachable = new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                "08001", postgres("08001"));
        assertThat(failures.passes(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", unreachable))).isTrue();
        SQLTransientConnectionException refusedPassword = new SQLTransientConnectionException("HikariPool-1 - Connection is not available",
                "28P01", postgres("28P01"));
        assertThat(failures.passes(new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection", refusedPassword)))
                .as("a password refused is not passing").isFalse();
    }

    /** What a failure suppressed and a rollback's application exception count, as in DatabaseReach. */
    @Test
    void suppressedFailuresAndTheFailureARollbackKept() {
        IllegalStateException closing = new IllegalStateException("closing the claim failed");
        closing.addSuppressed(postgres("40P01"));
        assertThat(failures.passes(closing)).isTrue();

        TransactionSystemException rollback = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new Translating().thrown(postgres("40P01")));
        assertThat(failures.passes(rollback)).as("a deadlock, then a rollback that failed").isTrue();

        TransactionSystemException refused = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        refused.initApplicationException(new Translating().thrown(postgres("23505")));
        assertThat(failures.passes(refused)).isFalse();
    }

    /** A chain whose causes loop (a cause of a cause is the first), in causes and in suppressed: the answer comes, and is right. */
    @Test
    void aCauseCycleTerminates() {
        for (boolean passingInside : List.of(true, false)) {
            RuntimeException outer = new RuntimeException("outer");
            RuntimeException middle = new RuntimeException("middle");
            outer.initCause(middle);
            middle.initCause(outer);
            if (passingInside) {
                middle.addSuppressed(postgres("40001"));
            } else {
                middle.addSuppressed(outer);
            }
            assertThat(failures.passes(outer)).as("passing inside: %s", passingInside).isEqualTo(passingInside);
        }
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", postgres("23505"));
        a.initCause(b);
        b.addSuppressed(a);
        assertThat(failures.passes(a)).isFalse();
    }
}
