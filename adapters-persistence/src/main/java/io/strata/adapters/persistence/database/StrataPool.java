package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.DriverDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Hikari's pool, which tells a request at once when the database cannot be reached. Hikari alone makes every request wait
 * its whole connection timeout (30 s by default; two waits for a console page) for a connection it cannot open, and then
 * says only that none came in time: with PostgreSQL stopped, every page took 30 to 60 s and said Strata was busy.
 * <p>
 * Here the pool's attempts to connect are watched ({@link ObservedConnects}); a request waits for a connection in short
 * slices of its timeout and, between them, looks whether the last attempt failed. If it did, the request makes an
 * attempt itself, unless a few are under way or one began just before ({@link ObservedConnects#probe()}; then it is
 * answered at once): it fails, and the request fails with {@link DatabaseUnreachable}; it succeeds (the database is
 * back), or another attempt succeeded meanwhile, and the request waits for the pool's connection as usual. So an attempt
 * begun while the network was silent holds requests off, once it speaks again, no longer than attempts are spaced (a
 * slice; an eighth of the connect timeout above 2 s), not for its whole connect timeout as one attempt at a time did. A
 * request that finds every connection in use while the database answers still waits the whole timeout, and
 * is then told Strata is busy; so does one while the server refuses new connections for its max_connections and the
 * pool still holds some of its own (see {@code nothingToWaitFor}). Hikari counts each slice that ends without a
 * connection as a timeout in its metrics.
 * <p>
 * Its connections are bounded ({@link DatabaseBounds}): opening one and logging in by the driver's connectTimeout and
 * loginTimeout, with TCP keepalive on; a user's request's ({@link RequestWork}) waits for a lock another session holds
 * by PostgreSQL's lock_timeout and for each answer of the database by the network timeout, so that a network that
 * drops packets silently or a lock never released does not hold a request for ever; work of Strata's own waits
 * unbounded (lock_timeout 0), and no session has a statement or idle-in-transaction timeout ({@link #OWN_BOUNDS}). The
 * sessions are named {@value #APPLICATION_NAME} in {@code pg_stat_activity}.
 */
public final class StrataPool extends HikariDataSource {

    /** How long a request waits for a connection before it looks again whether the database can be reached. */
    static final long SLICE_MILLIS = 250;
    /** PostgreSQL's SQLState of a server, a database or a role at its connection limit. */
    private static final String TOO_MANY_CONNECTIONS = "53300";

    /** Strata's sessions' application_name (a URL's ApplicationName wins). */
    public static final String APPLICATION_NAME = "strata";
    private static final Executor IN_PLACE = Runnable::run;
    /**
     * Strata's sessions start without a statement or idle-in-transaction timeout, whatever the server, the database or
     * the role set: a managed PostgreSQL often gives every role one of 30-60 s, and Strata's own work at ten million
     * customers (a run's statements, an import's COPY, an import's connection waiting for its second connection's facts)
     * lasts longer; every run then failed as "a problem on Strata's side" however often it was started again. Its
     * requests have bounds of their own (the network timeout, lock_timeout). Transactions are read committed unless a unit
     * of work asks for more. A URL's own {@code options} replaces this.
     * <p>
     * Set by statements on each new connection, not by the driver's {@code options} startup parameter (as until session
     * 57's probe of external servers): PgBouncer before 1.20 (Debian 12 has 1.18) refuses every connection that sends it
     * ("FATAL: unsupported startup parameter: options"), and one told to ignore it would drop these bounds silently.
     */
    static final String OWN_BOUNDS = "set statement_timeout = 0; set idle_in_transaction_session_timeout = 0; "
            // Strata's units of work are written for PostgreSQL's default, read committed, and ask for more where they
            // need it; a database made serializable by default would fail concurrent imports and runs with
            // serialization failures nothing retries
            + "set default_transaction_isolation = 'read committed'";

    private final ObservedConnects connects;
    private final DatabaseBounds bounds;
    /** The lock_timeout each physical connection was last given, so that it is set only when it changes. */
    private final Map<Connection, String> lockTimeouts = new WeakHashMap<>();

    private StrataPool(HikariConfig config, ObservedConnects connects, DatabaseBounds bounds) {
        super(config);
        this.connects = connects;
        this.bounds = bounds;
    }

    /** A pool on {@code config}'s JDBC URL, user and password, whose attempts to connect are watched and bounded. */
    public static StrataPool on(HikariConfig config, DatabaseBounds bounds) {
        Properties driverSettings = new Properties();
        long connectSeconds = Math.max(1, bounds.connectTimeout().toSeconds());
        driverSettings.setProperty("connectTimeout", Long.toString(connectSeconds));
        driverSettings.setProperty("loginTimeout", Long.toString(connectSeconds));
        driverSettings.setProperty("tcpKeepAlive", "true");
        // each read while logging in waits no longer either (ObservedConnects lifts it once connected): an attempt given up
        // on a silent network after its loginTimeout went on in pgjdbc's thread, which tried again without SSL (sslmode
        // prefer) and then waited for an answer for ever, a thread and a connection per attempt for as long as the silence
        driverSettings.setProperty("socketTimeout", Long.toString(connectSeconds));
        driverSettings.setProperty("ApplicationName", APPLICATION_NAME);
        DataSource driver = ownBounds(new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(), driverSettings,
                config.getUsername(), config.getPassword()), !URL_OPTIONS.matcher(config.getJdbcUrl()).find());
        ObservedConnects connects = new ObservedConnects(driver, Duration.ofSeconds(connectSeconds));
        config.setDataSource(connects);
        // a connection the pool hands out after a pause is looked at first: no longer than it takes to open one
        config.setValidationTimeout(Math.max(250, Math.min(config.getValidationTimeout(), bounds.connectTimeout().toMillis())));
        return new StrataPool(config, connects, bounds);
    }

    /** A JDBC URL naming its own {@code options}: its settings are the session's, not {@link #OWN_BOUNDS}. */
    private static final java.util.regex.Pattern URL_OPTIONS = java.util.regex.Pattern.compile("(?i)[?&]options=");

    /** Connections of {@code driver}, each given {@link #OWN_BOUNDS} first when {@code apply}. */
    private static DataSource ownBounds(DataSource driver, boolean apply) {
        if (!apply) {
            return driver;
        }
        return new org.springframework.jdbc.datasource.DelegatingDataSource(driver) {
            @Override
            public Connection getConnection() throws SQLException {
                return bounded(super.getConnection());
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return bounded(super.getConnection(username, password));
            }

            private Connection bounded(Connection connection) throws SQLException {
                try (Statement sql = connection.createStatement()) {
                    sql.execute(OWN_BOUNDS);
                    return connection;
                } catch (SQLException | RuntimeException failed) {
                    connection.close();
                    throw failed;
                }
            }
        };
    }

    /**
     * The request's bounds, or none for Strata's own work: lock_timeout set when it differs from what the connection has
     * (one statement, only then), the network timeout for a request (Hikari gives the connection's own back on return).
     */
    private Connection bounded(Connection connection) throws SQLException {
        boolean request = RequestWork.active();
        try {
            if (request && !bounds.requestReadTimeout().isZero()) {
                connection.setNetworkTimeout(IN_PLACE, (int) Math.min(Integer.MAX_VALUE, bounds.requestReadTimeout().toMillis()));
            }
            String lockTimeout = request ? bounds.lockWait().toMillis() + "ms" : "0";
            Connection physical = connection.unwrap(Connection.class);
            synchronized (lockTimeouts) {
                if (lockTimeout.equals(lockTimeouts.get(physical))) {
                    return connection;
                }
            }
            try (Statement sql = connection.createStatement()) {
                sql.execute("set lock_timeout = '" + lockTimeout + "'");
            }
            synchronized (lockTimeouts) {
                lockTimeouts.put(physical, lockTimeout);
            }
            return connection;
        } catch (SQLException | RuntimeException failed) {
            connection.close();
            throw failed;
        }
    }

    /**
     * Whether a request has nothing to wait for, the last attempt to connect having failed: no idle connection (one the
     * pool holds may still work: a refusal for max_connections leaves them sound; after a restart of the database Hikari
     * finds them dead as it hands them out), and, if the server refused for having as many connections as it allows
     * (53300), none of Strata's own either: one in use will come back, as when Strata is busy.
     */
    private static boolean nothingToWaitFor(HikariPool pool, SQLException refusal) {
        return pool.getIdleConnections() == 0 && (!TOO_MANY_CONNECTIONS.equals(refusal.getSQLState()) || pool.getTotalConnections() == 0);
    }

    @Override
    public Connection getConnection() throws SQLException {
        HikariPoolMXBean bean = getHikariPoolMXBean();
        if (isClosed() || !(bean instanceof HikariPool pool)) {
            return bounded(super.getConnection());
        }
        long timeout = getConnectionTimeout();
        long start = System.nanoTime();
        while (true) {
            SQLException refusal = connects.refusal();
            if (refusal != null && nothingToWaitFor(pool, refusal) && !connects.probe()) {
                SQLException why = connects.refusal();
                if (why != null) {
                    throw new DatabaseUnreachable(why);
                }
                // another attempt connected meanwhile (this one, begun in a silence, failed after it, or did not begin):
                // the database is back, and the pool's connection will come
            }
            long left = timeout - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            try {
                return bounded(pool.getConnection(Math.max(1, Math.min(left, SLICE_MILLIS))));
            } catch (SQLTransientConnectionException noneYet) {
                long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                if (waited >= timeout) {
                    throw new SQLTransientConnectionException(getPoolName() + " - no connection free within " + waited
                            + " ms: all " + getMaximumPoolSize() + " are in use", null, noneYet);
                }
            }
        }
    }
}
