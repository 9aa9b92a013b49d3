package io.strata.adapters.persistence.database;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The connections the pool opens to PostgreSQL, each attempt's outcome noted: the last one failed to connect means the
 * database cannot be reached until an attempt succeeds again ({@link StrataPool} then answers at once). A failure of an
 * attempt begun before another one connected is not taken: it says nothing of the database since (a network silent
 * when it began and speaking again before it timed out).
 */
final class ObservedConnects implements DataSource {

    /**
     * At most this many attempts of requests under way at once. While a network drops packets silently each one lasts the
     * connect timeout and holds its request's thread: a few, not one per request.
     */
    static final int MOST_UNDER_WAY = 8;

    private final DataSource driver;
    /**
     * How long after the youngest attempt under way another may begin: the connect timeout spread over {@link
     * #MOST_UNDER_WAY} attempts, at least one slice ({@link StrataPool#SLICE_MILLIS}). So while the network is silent at
     * most that many are under way, and once it speaks again an attempt begun at most this long before finds it.
     */
    private final long apartNanos;
    private final LongSupplier clock;
    /** The failure of the last attempt to connect, or null once one succeeded. */
    private volatile SQLException refusal;
    /** Guarded by this: attempts of requests under way, and when the youngest of them began. */
    private int underWay;
    private long youngestBegan;
    /** Guarded by this: attempts begun so far, and how many had begun when the last successful one connected. */
    private long begun;
    private long begunBeforeReached;
    /** One line when connecting first fails, one when it works again, not Hikari's stack trace every few seconds. */
    private final DatabaseReach reach = new DatabaseReach("Strata's pool of database connections",
            "at the next request and every few seconds (requests are answered 503 \"database is unavailable\" meanwhile)");

    ObservedConnects(DataSource driver, Duration connectTimeout) {
        this(driver, connectTimeout, System::nanoTime);
    }

    /** With the clock the spacing of attempts is read from ({@link System#nanoTime()} but in tests). */
    ObservedConnects(DataSource driver, Duration connectTimeout, LongSupplier clock) {
        this.driver = driver;
        this.apartNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(StrataPool.SLICE_MILLIS), connectTimeout.toNanos() / MOST_UNDER_WAY);
        this.clock = clock;
    }

    /** Why the database cannot be reached, or null if the last attempt to connect succeeded. */
    SQLException refusal() {
        return refusal;
    }

    /**
     * One attempt to connect on behalf of a request that found the database unreachable, unless {@link #MOST_UNDER_WAY}
     * are under way or the youngest of them began less than the spacing ago: true if it connected (the connection is
     * closed again: the pool opens its own). False if it did not begin or failed; {@link #refusal()} then says why, or
     * is null if another attempt connected meanwhile.
     */
    boolean probe() {
        if (!mayBegin()) {
            return false;
        }
        try (Connection ignored = getConnection()) {
            return true;
        } catch (SQLException failed) {
            return false;
        } finally {
            synchronized (this) {
                underWay--;
            }
        }
    }

    private synchronized boolean mayBegin() {
        long now = clock.getAsLong();
        if (underWay >= MOST_UNDER_WAY || underWay > 0 && now - youngestBegan < apartNanos) {
            return false;
        }
        underWay++;
        youngestBegan = now;
        return true;
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
        long attempt;
        synchronized (this) {
            attempt = ++begun;
        }
        try {
            Connection connection = unboundedReads(connect.connect());
            synchronized (this) {
                begunBeforeReached = begun;
                refusal = null;
            }
            reach.worked();
            return connection;
        } catch (SQLException failed) {
            boolean news;
            synchronized (this) {
                news = attempt > begunBeforeReached;
                if (news) {
                    refusal = failed;
                }
            }
            if (news) {
                reach.failed(failed);
            }
            throw failed;
        }
    }

    /**
     * The connection with no bound on its reads: the driver's socketTimeout bounds those of logging in ({@link
     * StrataPool#on}); a request's are bounded by the request's own timeout, Strata's own work (a run, an import) not at all.
     */
    private static Connection unboundedReads(Connection connection) throws SQLException {
        try {
            connection.setNetworkTimeout(Runnable::run, 0);
            return connection;
        } catch (SQLException | RuntimeException failed) {
            connection.close();
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
