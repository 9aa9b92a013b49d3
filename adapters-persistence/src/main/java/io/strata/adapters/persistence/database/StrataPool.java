package io.strata.adapters.persistence.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import com.zaxxer.hikari.util.DriverDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Hikari's pool, which tells a request at once when the database cannot be reached. Hikari alone makes every request wait
 * its whole connection timeout (30 s by default; two waits for a console page) for a connection it cannot open, and then
 * says only that none came in time: with PostgreSQL stopped, every page took 30 to 60 s and said Strata was busy.
 * <p>
 * Here the pool's attempts to connect are watched ({@link ObservedConnects}); a request waits for a connection in short
 * slices of its timeout and, between them, looks whether the last attempt failed. If it did, the request makes one
 * attempt itself (one request at a time; the others are answered at once): it fails, and the request fails with
 * {@link DatabaseUnreachable}; it succeeds (the database is back), and the request waits for the pool's connection as
 * usual. A request that finds every connection in use while the database answers still waits the whole timeout, and
 * is then told Strata is busy; so does one while the server refuses new connections for its max_connections and the
 * pool still holds some of its own (see {@code nothingToWaitFor}). Hikari counts each slice that ends without a
 * connection as a timeout in its metrics.
 */
public final class StrataPool extends HikariDataSource {

    /** How long a request waits for a connection before it looks again whether the database can be reached. */
    static final long SLICE_MILLIS = 250;
    /** PostgreSQL's SQLState of a server, a database or a role at its connection limit. */
    private static final String TOO_MANY_CONNECTIONS = "53300";

    private final ObservedConnects connects;

    private StrataPool(HikariConfig config, ObservedConnects connects) {
        super(config);
        this.connects = connects;
    }

    /** A pool on {@code config}'s JDBC URL, user and password, whose attempts to connect are watched. */
    public static StrataPool on(HikariConfig config) {
        DriverDataSource driver = new DriverDataSource(config.getJdbcUrl(), config.getDriverClassName(), new Properties(),
                config.getUsername(), config.getPassword());
        ObservedConnects connects = new ObservedConnects(driver);
        config.setDataSource(connects);
        return new StrataPool(config, connects);
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
            return super.getConnection();
        }
        long timeout = getConnectionTimeout();
        long start = System.nanoTime();
        while (true) {
            SQLException refusal = connects.refusal();
            if (refusal != null && nothingToWaitFor(pool, refusal) && !connects.probe()) {
                SQLException why = connects.refusal();
                throw new DatabaseUnreachable(why != null ? why : refusal);
            }
            long left = timeout - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            try {
                return pool.getConnection(Math.max(1, Math.min(left, SLICE_MILLIS)));
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
