package io.strata.adapters.persistence.work;

import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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
