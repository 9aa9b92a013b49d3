package io.strata.adapters.persistence.work;

import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The claims of the imports and runs this node is working on: a PostgreSQL session-level advisory lock per item, each
 * held on a connection of its own from before the item is recorded RUNNING until after it is recorded finished. If
 * the node dies, its connections close and its claims end with them; the start-up sweep ({@link JdbcUnfinishedWork})
 * records as interrupted only items whose claim it can take.
 *
 * <p>The key is the pair (space, hashtext(id)). Two ids with one hash only make a sweep leave an item for later.
 */
@Component
public class WorkClaims {

    /**
     * The key spaces: imports, segmentation runs, the work after a completed run, and the loading of the demo data at
     * start (one node at a time: docs/scale-out.md, "Two nodes on one PostgreSQL, probed from outside").
     */
    public enum Space {
        IMPORTS(0x53494d50), RUNS(0x5352554e), FOLLOW_UPS(0x53465550), DEMO(0x5344454d);

        final int key;

        Space(int key) {
            this.key = key;
        }
    }

    /** Takes the claim in the caller's transaction, if free: the sweep's test, kept until that transaction ends. */
    static final String TRY_IN_TRANSACTION = "select pg_try_advisory_xact_lock(?, hashtext(?))";

    private final DataSource dataSource;
    private final Map<String, Connection> held = new ConcurrentHashMap<>();

    public WorkClaims(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Claims the item for this node; a claim already held is kept. */
    public void hold(Space space, String id) {
        String key = space.name() + ":" + id;
        if (held.containsKey(key)) {
            return;
        }
        try {
            Connection connection = dataSource.getConnection();
            try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, space.key);
                lock.setString(2, id);
                lock.execute();
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            held.put(key, connection);
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Draws a new item's id ({@code nextId}: a query answering one number, a sequence's next value) and claims it, both on
     * the claim's own connection, before any unit of work: the item's unit of work can then run on that connection
     * ({@link #forTransactions}), so that recording the item takes one connection of the pool, not two. Until session 60
     * a run's claim was taken inside the unit of work that records the run, on a second connection: pool size N and N runs
     * started at once (the API, the console, a schedule) held every connection in a unit of work waiting for a second one,
     * and all of them, and every other request, waited the pool's whole connection timeout and failed.
     */
    public long holdNew(Space space, String nextId) {
        try {
            Connection connection = dataSource.getConnection();
            try {
                long id;
                try (PreparedStatement next = connection.prepareStatement(nextId); ResultSet drawn = next.executeQuery()) {
                    drawn.next();
                    id = drawn.getLong(1);
                }
                try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_lock(?, hashtext(?))")) {
                    lock.setInt(1, space.key);
                    lock.setString(2, Long.toString(id));
                    lock.execute();
                }
                held.put(space.name() + ":" + id, connection);
                return id;
            } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim a new item of " + space + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} with the connection that holds the item's claim as the one its units of work (Spring's
     * transactions, {@code JdbcClient}) take, so that they take none of the pool's: the claim's connection is held for the
     * item's life anyway. A unit of work on it leaves it as it was (autocommit), holding the claim; the claim is not ended
     * by the unit of work's end, commit or rollback (a session-level advisory lock). Without the claim, or inside a unit
     * of work already begun (which keeps its own connection), {@code work} runs as usual.
     */
    public <T> T forTransactions(Space space, String id, Supplier<T> work) {
        Connection claim = held.get(space.name() + ":" + id);
        if (claim == null || TransactionSynchronizationManager.hasResource(dataSource)) {
            return work.get();
        }
        TransactionSynchronizationManager.bindResource(dataSource, new ConnectionHolder(claim));
        try {
            return work.get();
        } finally {
            TransactionSynchronizationManager.unbindResource(dataSource);
        }
    }

    /**
     * Claims the item for this node if no other session holds it, without waiting; answers whether this node holds it
     * now. A worker that must not take up an item another worker is on (a Spark job given a run id) uses this.
     */
    public boolean tryHold(Space space, String id) {
        String key = space.name() + ":" + id;
        if (held.containsKey(key)) {
            return true;
        }
        try {
            Connection connection = dataSource.getConnection();
            boolean taken;
            try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
                lock.setInt(1, space.key);
                lock.setString(2, id);
                try (var result = lock.executeQuery()) {
                    taken = result.next() && result.getBoolean(1);
                }
            } catch (SQLException e) {
                connection.close();
                throw e;
            }
            if (!taken) {
                connection.close();
                return false;
            }
            held.put(key, connection);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not claim " + key + ": " + e.getMessage(), e);
        }
    }

    /**
     * Like {@link #tryHold}, but also false when this node holds the claim already: for work that two threads of one
     * node must not both do (the advisory lock is per session, and each claim has a session of its own).
     */
    public boolean tryHoldAlone(Space space, String id) {
        if (held.containsKey(space.name() + ":" + id)) {
            return false;
        }
        return tryHold(space, id);
    }

    /** Whether this node holds the item's claim. */
    public boolean holds(Space space, String id) {
        return held.containsKey(space.name() + ":" + id);
    }

    /** Work done on a connection. */
    @FunctionalInterface
    public interface OnConnection {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Does the work on the connection that holds the item's claim (autocommit, like the claim), or on one of the pool's
     * while this node holds none. A running import writes its record so: the record needs no connection of its own, so
     * it cannot be kept from being written by imports or pages that took the pool's connections.
     */
    public void onClaim(Space space, String id, OnConnection work) throws SQLException {
        Connection claim = held.get(space.name() + ":" + id);
        if (claim != null) {
            work.run(claim);
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            work.run(connection);
        }
    }

    /** Ends the claim, if this node holds it. */
    public void release(Space space, String id) {
        Connection connection = held.remove(space.name() + ":" + id);
        if (connection == null) {
            return;
        }
        try (connection; PreparedStatement unlock = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
            unlock.setInt(1, space.key);
            unlock.setString(2, id);
            unlock.execute();
        } catch (SQLException ignored) {
            // the connection is broken, and its session with the lock is gone: the pool drops such connections
        }
    }
}
