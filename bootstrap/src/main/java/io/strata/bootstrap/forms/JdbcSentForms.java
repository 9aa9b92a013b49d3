package io.strata.bootstrap.forms;

import io.strata.adapters.web.console.OnceSentForms;
import io.strata.adapters.web.console.SentForms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The console's forms carried out, in {@code console_forms_sent} (changeset 520), for every node.
 * <p>
 * A form's first request inserts the form's row in a transaction that it holds open, on a connection of its own, while
 * the form is carried out; a copy (on any node) inserting the same row waits on the row's key for that transaction
 * (PostgreSQL's unique check waits for an insert in progress), so two copies arriving at two nodes at the same moment
 * are carried out once: the first commits the row with its redirect and the copy reads it, or rolls back (its errors, a
 * failure, its node stopped: the connection closes) and the copy inserts the row and is carried out itself. The copy
 * waits at most {@code wait} ({@code lock_timeout}), and is then told the first is still under way.
 * <p>
 * The held connection is one more per console form in flight: at most half the pool's connections are used so
 * ({@code guards}); a form that finds none free within the pool's connection timeout is carried out unguarded rather
 * than taking the last connections that the work itself needs.
 * <p>
 * An upload's row is committed at once with the address of its import's page, and kept until the upload ends (at most
 * {@value #UPLOAD_HOURS} hour if its node stops before), then {@value OnceSentForms#KEPT_MINUTES} minutes if it recorded
 * an import. Expired rows are deleted by {@link #forgetExpired()}, from the scheduled look at the clock.
 */
public final class JdbcSentForms implements SentForms {

    static final int UPLOAD_HOURS = 1;
    private static final Logger log = LoggerFactory.getLogger(JdbcSentForms.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final DataSource dataSource;
    private final Semaphore guards;
    private final int guardCount;
    private final long guardWaitMillis;
    private final Duration wait;

    public JdbcSentForms(DataSource dataSource, int poolSize, long connectionTimeoutMillis, Duration wait) {
        this.dataSource = dataSource;
        this.guardCount = Math.max(1, poolSize / 2);
        this.guards = new Semaphore(guardCount);
        this.guardWaitMillis = connectionTimeoutMillis;
        this.wait = wait;
    }

    @Override
    public Claim take(String session, UUID form) {
        try {
            if (!guards.tryAcquire(guardWaitMillis, TimeUnit.MILLISECONDS)) {
                log.warn("a console form was carried out without its guard: all {} connections for guards were in use", guardCount);
                return new Unguarded();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Unguarded();
        }
        Connection connection = null;
        boolean handedOver = false;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(false);
            String digest = digest(session);
            try (PreparedStatement timeout = connection.prepareStatement("select set_config('lock_timeout', ?, true)")) {
                timeout.setString(1, Math.max(1, wait.toMillis()) + "ms");
                timeout.execute();
            }
            for (int attempt = 0; attempt < 2; attempt++) {
                try (PreparedStatement expired = connection.prepareStatement(
                        "delete from console_forms_sent where form = ? and session_digest = ? and kept_until < now()")) {
                    expired.setObject(1, form);
                    expired.setString(2, digest);
                    expired.executeUpdate();
                }
                try (PreparedStatement insert = connection.prepareStatement("insert into console_forms_sent (form, session_digest, kind, kept_until) "
                        + "values (?, ?, 'FORM', now() + make_interval(mins => " + OnceSentForms.KEPT_MINUTES + ")) on conflict do nothing")) {
                    insert.setObject(1, form);
                    insert.setString(2, digest);
                    if (insert.executeUpdate() == 1) {
                        handedOver = true;
                        return new Held(connection, form, digest);
                    }
                }
                try (PreparedStatement first = connection.prepareStatement(
                        "select status, location from console_forms_sent where form = ? and session_digest = ?")) {
                    first.setObject(1, form);
                    first.setString(2, digest);
                    try (ResultSet row = first.executeQuery()) {
                        if (row.next() && row.getString(2) != null) {
                            Answered answered = new Answered(row.getInt(1), row.getString(2));
                            connection.commit();
                            return answered;
                        }
                    }
                }
                // the row was deleted between the insert and the read (expired): take it again
            }
            return new Unguarded();
        } catch (SQLException e) {
            if (LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                return new StillUnderWay();
            }
            throw new IllegalStateException("The console's record of sent forms could not be read: " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                if (connection != null) {
                    closeQuietly(connection);
                }
                guards.release();
            }
        }
    }

    /** The first request's claim: the uncommitted row on its own connection, until the form has been carried out. */
    private final class Held implements Mine {

        private final Connection connection;
        private final UUID form;
        private final String digest;
        private boolean ended;

        Held(Connection connection, UUID form, String digest) {
            this.connection = connection;
            this.form = form;
            this.digest = digest;
        }

        @Override
        public void carriedOut(int status, String location) {
            try (PreparedStatement done = connection.prepareStatement("update console_forms_sent set status = ?, location = ?, "
                    + "kept_until = now() + make_interval(mins => " + OnceSentForms.KEPT_MINUTES + ") where form = ? and session_digest = ?")) {
                done.setInt(1, status);
                done.setString(2, location);
                done.setObject(3, form);
                done.setString(4, digest);
                done.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                // the form was carried out; only its record is lost, so a copy would be carried out again
                log.warn("a console form's record could not be kept: {}", e.getMessage());
            }
        }

        @Override
        public void close() {
            if (ended) {
                return;
            }
            ended = true;
            closeQuietly(connection);
            guards.release();
        }
    }

    @Override
    public boolean takeUpload(String session, UUID importId) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("insert into console_forms_sent (form, session_digest, kind, status, location, kept_until) "
                     + "values (?, ?, 'UPLOAD', 303, ?, now() + make_interval(hours => " + UPLOAD_HOURS + ")) on conflict (form, session_digest) do update "
                     + "set kind = excluded.kind, status = excluded.status, location = excluded.location, kept_until = excluded.kept_until "
                     + "where console_forms_sent.kept_until < now() returning 1")) {
            insert.setObject(1, importId);
            insert.setString(2, digest(session));
            insert.setString(3, "/imports/" + importId);
            try (ResultSet taken = insert.executeQuery()) {
                return taken.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The console's record of sent uploads could not be written: " + e.getMessage(), e);
        }
    }

    @Override
    public void uploadEnded(String session, UUID importId, boolean recorded) {
        String sql = recorded
                ? "update console_forms_sent set kept_until = now() + make_interval(mins => " + OnceSentForms.KEPT_MINUTES + ") "
                        + "where form = ? and session_digest = ?"
                : "delete from console_forms_sent where form = ? and session_digest = ?";
        try (Connection connection = dataSource.getConnection(); PreparedStatement ended = connection.prepareStatement(sql)) {
            ended.setObject(1, importId);
            ended.setString(2, digest(session));
            ended.executeUpdate();
        } catch (SQLException e) {
            log.warn("an upload's record could not be ended: {}", e.getMessage());
        }
    }

    @Override
    public boolean uploadSent(UUID importId) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement sent = connection.prepareStatement(
                "select 1 from console_forms_sent where form = ? and kind = 'UPLOAD' and kept_until >= now() limit 1")) {
            sent.setObject(1, importId);
            try (ResultSet row = sent.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The console's record of sent uploads could not be read: " + e.getMessage(), e);
        }
    }

    /** Deletes the rows past their time (by the index on kept_until); answers how many. */
    public int forgetExpired() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement expired = connection.prepareStatement("delete from console_forms_sent where kept_until < now()")) {
            return expired.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Expired console forms could not be forgotten: " + e.getMessage(), e);
        }
    }

    static String digest(String session) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(session.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // closed below either way
        }
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing a guard's connection: {}", e.getMessage());
        }
    }
}
