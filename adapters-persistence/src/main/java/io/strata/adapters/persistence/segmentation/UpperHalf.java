package io.strata.adapters.persistence.segmentation;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The upper half of a run's rows (its assignment, {@link RunHalves}, or its tactical memberships), written on a
 * connection and thread of its own in a repeatable-read transaction that imports the exported snapshot of the
 * transaction writing the lower half, so both halves read the same data. It commits on its own (another connection
 * cannot attach a table of an open transaction); until the lower half's transaction attaches it, its table is loose:
 * the caller drops it when its own transaction fails ({@link #dropWhenLoose}), and the next start drops what a stop left
 * ({@link #dropLoose}).
 *
 * @param <T> what the half's work answers (its rows, its counts)
 */
public final class UpperHalf<T> {

    /** The half's work on its connection, inside its transaction on the imported snapshot; {@code steps} for the run's log. */
    @FunctionalInterface
    public interface Work<T> {
        T write(Connection connection, StepTimes steps) throws SQLException;
    }

    /** What the upper half answered, and its steps (its commit among them) for the run's log. */
    public record Written<T>(T value, String steps) {
    }

    private final String what;
    private final FutureTask<Written<T>> task;

    private UpperHalf(String what, FutureTask<Written<T>> task) {
        this.what = what;
        this.task = task;
    }

    /**
     * Starts the half on a thread named {@code threadName}; {@code snapshot}: what {@code pg_export_snapshot()} answered
     * in the lower half's transaction (which must stay open until {@link #await} has answered); {@code what}: the half
     * in the product's words, for errors ("the upper half of run 7").
     */
    public static <T> UpperHalf<T> start(DataSource dataSource, String snapshot, String threadName, String what, Work<T> work) {
        FutureTask<Written<T>> task = new FutureTask<>(() -> write(dataSource, snapshot, work));
        Thread thread = new Thread(task, threadName);
        thread.setDaemon(true);
        thread.start();
        return new UpperHalf<>(what, task);
    }

    /** The exported snapshot of {@code connection}'s transaction, for the upper half to import. */
    public static String exportSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery("select pg_export_snapshot()")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Waits for the half to commit; its failure is the caller's (an SQLException as it was thrown). */
    public Written<T> await() throws SQLException {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + what + " was written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /**
     * After the lower half's transaction has rolled back: waits for the half to end (it may commit meanwhile), then
     * drops {@code table} if it is there and loose, and commits that if {@code connection} is in a transaction.
     */
    public void dropWhenLoose(Connection connection, String table) throws SQLException {
        try {
            task.get();
        } catch (ExecutionException | RuntimeException e) {
            // it failed and rolled back, or committed: the drop below handles both
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(dropLoose(table));
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Drops a half's table that was left loose (committed, never attached); nothing when it is absent or attached. */
    public static String dropLoose(String table) {
        // the name is built from the numeric run id only
        return """
                do $$ begin
                  if exists (select 1 from pg_class where oid = to_regclass('%1$s') and not relispartition) then
                    execute 'drop table %1$s';
                  end if;
                end $$""".formatted(table);
    }

    private static <T> Written<T> write(DataSource dataSource, String snapshot, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                // the first statement of its transaction: from here on it reads what the lower half reads
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set transaction snapshot '" + snapshot + "'");
                }
                StepTimes steps = new StepTimes();
                T value = work.write(connection, steps);
                connection.commit();
                steps.done("commit");
                return new Written<>(value, steps.toString());
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        }
    }
}
