package io.strata.adapters.persistence.imports;

import io.strata.application.imports.CrossRowCheck;
import io.strata.application.imports.MergeOutcome;
import io.strata.adapters.persistence.audit.JdbcAuditTrail;
import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.audit.AuditEntry;
import io.strata.application.imports.port.out.ImportBatch;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The shared life of an import batch: one connection, one transaction, a temporary staging table fed by COPY;
 * subclasses say how rows are staged and merged.
 */
abstract class StagedBatch<T> implements ImportBatch<T> {

    protected final Connection connection;
    /** Memory for the set-based statements of the merge (strata.db.tuning). */
    protected final DatabaseSettings.Tuning tuning;
    private final String copySql;
    private CopyStream copy;
    private boolean committed;
    /** The tables the merge wrote, vacuumed after the commit when it wrote many rows into them. */
    protected final VisibilityMaps visibilityMaps = new VisibilityMaps();
    private long staged;

    StagedBatch(DataSource dataSource, DatabaseSettings.Tuning tuning, String createStagingSql, String copySql) {
        this(dataSource, tuning, connection -> {
            if (createStagingSql != null) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(createStagingSql);
                }
            }
            return copySql;
        });
    }

    /** Prepares the staging area on the batch's connection, in its transaction, and answers the COPY to stream rows with. */
    @FunctionalInterface
    interface StagingArea {
        String prepare(Connection connection) throws SQLException;
    }

    StagedBatch(DataSource dataSource, DatabaseSettings.Tuning tuning, StagingArea stagingArea) {
        this.tuning = tuning;
        Connection opened = null;
        try {
            opened = dataSource.getConnection();
            opened.setAutoCommit(false);
            this.copySql = stagingArea.prepare(opened);
            copy = new CopyStream(opened, copySql);
        } catch (SQLException e) {
            if (opened != null) {
                try {
                    opened.rollback();
                    opened.setAutoCommit(true);
                    opened.close();
                } catch (SQLException ignored) {
                    // the pool resets it
                }
            }
            throw new IllegalStateException("could not open the import's staging area: " + e.getMessage(), e);
        }
        connection = opened;
    }

    /** The COPY rows are streamed with. */
    protected final String copySql() {
        return copySql;
    }

    @Override
    public final void add(T row) {
        try {
            stage(copy, row);
            copy.endRow();
            staged++;
        } catch (SQLException e) {
            throw new IllegalStateException("could not stage a row: " + e.getMessage(), e);
        }
    }

    protected abstract void stage(CopyStream copy, T row);

    protected final long stagedRows() {
        return staged;
    }

    protected final long count(String sql) throws SQLException {
        return Statements.count(connection, sql);
    }

    /** The open COPY; {@link #betweenCopies} replaces it. */
    protected final CopyStream copy() {
        return copy;
    }

    /** Work done on the batch's connection while its COPY is paused. */
    @FunctionalInterface
    protected interface BetweenCopies<R> {
        R run() throws SQLException;
    }

    /**
     * A connection in COPY can run nothing else: this ends the COPY (the rows so far stay staged), does the work and
     * opens the COPY again. The end of a COPY waits until the server has taken every row sent, so callers keep these
     * pauses rare.
     */
    protected final <R> R betweenCopies(BetweenCopies<R> work) throws SQLException {
        copy.finish();
        R result = work.run();
        copy = new CopyStream(connection, copySql);
        return result;
    }

    /** The numbers in the first column of a query's answer. */
    protected final long[] numbers(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            java.util.List<Long> values = new java.util.ArrayList<>();
            while (rs.next()) {
                values.add(rs.getLong(1));
            }
            return values.stream().mapToLong(Long::longValue).toArray();
        }
    }

    protected final void endStaging() throws SQLException {
        copy.finish();
    }

    /**
     * The merge lock ({@link MergeLock}), exclusively, held to the end of the transaction: concurrent imports merge one
     * after the other, and erasures (which take it shared) wait for the merge or the merge for them.
     */
    protected final void lockForMerge() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_advisory_xact_lock(?)")) {
            lock.setLong(1, MergeLock.KEY);
            lock.execute();
        }
    }

    /** The merge lock if no other import (nor an erasure) holds it, without waiting; held to the end of the transaction. */
    protected final boolean tryLockForMerge() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_xact_lock(?)")) {
            lock.setLong(1, MergeLock.KEY);
            try (var rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Gives this transaction's sorts and hashes {@code strata.db.tuning.work-mem}, so they fit in memory instead of spilling. */
    protected final void useWorkMem() throws SQLException {
        Statements.useWorkMem(connection, tuning);
    }

    protected final long update(String sql) throws SQLException {
        return Statements.update(connection, sql);
    }

    @Override
    public CrossRowCheck crossRowCheck() {
        return CrossRowCheck.none();
    }

    @Override
    public final MergeOutcome merge() {
        try {
            endStaging();
            lockForMerge();
            return mergeStaged();
        } catch (SQLException e) {
            throw new IllegalStateException("could not merge the import: " + e.getMessage(), e);
        }
    }

    protected abstract MergeOutcome mergeStaged() throws SQLException;

    /** Last work inside the transaction, before the audit entry and the commit. */
    protected void beforeCommit() throws SQLException {
    }

    @Override
    public void commit(AuditEntry entry) {
        try {
            beforeCommit();
            JdbcAuditTrail.record(connection, entry);
            visibilityMaps.beforeCommit(connection);
            connection.commit();
            committed = true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not commit the import: " + e.getMessage(), e);
        }
        // before the answer, so that the first preview or run after it reads the rows as it will a minute later
        visibilityMaps.fill(connection);
    }

    @Override
    public void close() {
        copy.close();
        try {
            if (!committed) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // closing returns the connection; the pool resets it
        } finally {
            try {
                connection.setAutoCommit(true);
                connection.close();
            } catch (SQLException ignored) {
                // nothing left to do
            }
        }
    }
}
