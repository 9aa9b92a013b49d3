package io.strata.adapters.persistence.database;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures say the database was out of reach. The shape seen in the full suite: the link cut under the clean-up
 * of expired sessions, its statement broke (08006), the pool closed the connection, and the rollback then failed on the
 * closed proxy ("Connection is closed", no SQLState), so Spring threw a TransactionSystemException whose cause is the
 * rollback's failure and whose application exception is the statement's.
 */
class DatabaseReachTest {

    private static final SQLException BROKE = new SQLException("An I/O error occurred while sending to the backend.", "08006");

    private static TransactionSystemException rollbackFailedOnAClosedConnection() {
        return new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed"));
    }

    @Test
    void aRollbackThatFailedAfterTheConnectionBrokeIsTheDatabaseOutOfReach() {
        TransactionSystemException failure = rollbackFailedOnAClosedConnection();
        failure.initApplicationException(new IllegalStateException("could not delete", BROKE));
        assertThat(DatabaseReach.lost(failure)).isTrue();
        // and its words are the driver's, not the closed proxy's
        assertThat(DatabaseReach.reason(failure)).isEqualTo("An I/O error occurred while sending to the backend.");
    }

    @Test
    void aRollbackThatFailedAfterAnotherFailureIsNot() {
        TransactionSystemException failure = rollbackFailedOnAClosedConnection();
        failure.initApplicationException(new SQLException("duplicate key value violates unique constraint", "23505"));
        assertThat(DatabaseReach.lost(failure)).isFalse();
        assertThat(DatabaseReach.lost(rollbackFailedOnAClosedConnection())).isFalse();
    }

    @Test
    void theConnectionExceptionClassAnywhereAlongTheCausesIs() {
        assertThat(DatabaseReach.lost(new IllegalStateException("read failed", BROKE))).isTrue();
        assertThat(DatabaseReach.lost(new IllegalStateException("read failed", new SQLException("syntax error", "42601")))).isFalse();
    }
}
