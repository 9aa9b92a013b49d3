package io.strata.adapters.persistence.database;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * The connections the pool opens to PostgreSQL, each attempt's outcome noted: the last one failed to connect means the
 * database cannot be reached until an attempt succeeds again ({@link StrataPool} then answers at once).
 */
final class ObservedConnects implements DataSource {

    private final DataSource driver;
    /** The failure of the last attempt to connect, or null once one succeeded. */
    private volatile SQLException refusal;
    private final AtomicBoolean probing = new AtomicBoolean();
    /** One line when connecting first fails, one when it works again, not Hikari's stack trace every few seconds. */
    private final DatabaseReach reach = new DatabaseReach("Strata's pool of database connections",
            "at the next request and every few seconds (requests are answered 503 \"database is unavailable\" meanwhile)");

    ObservedConnects(DataSource driver) {
        this.driver = driver;
    }

    /** Why the database cannot be reached, or null if the last attempt to connect succeeded. */
    SQLException refusal() {
        return refusal;
    }

    /**
     * One attempt to connect on behalf of a request that found the database unreachable, when no other request's is under
     * way: true if it connected (the connection is closed again: the pool opens its own). False if another is under way
     * or this one failed; {@link #refusal()} then says why.
     */
    boolean probe() {
        if (!probing.compareAndSet(false, true)) {
            return false;
        }
        try (Connection ignored = getConnection()) {
            return true;
        } catch (SQLException failed) {
            return false;
        } finally {
            probing.set(false);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return observed(driver::getConnection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return observed(() -> driver.getConnection(username, password));
    }

    private Connection observed(Connect connect) throws SQLException {
        try {
            Connection connection = connect.connect();
            refusal = null;
            reach.worked();
            return connection;
        } catch (SQLException failed) {
            refusal = failed;
            reach.failed(failed);
            throw failed;
        }
    }

    @FunctionalInterface
    private interface Connect {
        Connection connect() throws SQLException;
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return driver.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        driver.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        driver.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return driver.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return driver.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || driver.isWrapperFor(type);
    }
}
