package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.imports.CrossRowCheck;
import io.strata.application.imports.MergeOutcome;
import io.strata.application.imports.OrderLineRow;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Orders: the order is the unit of upsert. Importing an order_id again replaces all its lines; the per-order totals
 * that segmentation reads are rebuilt for the orders touched, in the same transaction.
 *
 * <p>Lines go by COPY straight into {@code order_lines}, under keys from {@link OrderKeys}, so nothing copies them a
 * second time. While they stream, {@link LineRuns} sums consecutive lines of one order into runs, and {@link RunStage}
 * copies the runs' summaries at the same time on a second connection, which the import's transaction then reads as
 * {@code stage_orders}, a temporary view of it. Only orders of several runs are checked and joined in SQL
 * ({@link MultiRunOrders}); {@link OrderMerge} then inserts the orders.
 * The primary key of {@code order_lines} is dropped while the lines stream when the import is large against the
 * table (decided at a pause of the COPY).
 */
final class OrderLineBatch extends StagedBatch<OrderLineRow> {

    /**
     * The tables whose indexes a bulk load drops, locked exclusively together ({@link ExclusiveLocks}): once the lines
     * table is taken, the import must never wait for the other two, or a reader holding one of them while it waits for
     * the lines would deadlock with it.
     */
    private static final List<String> BULK_LOAD_TABLES = List.of("order_lines", "orders", "customer_purchase_facts");

    private final RunStage stage;
    /** Whether the temporary view {@code stage_orders} of the stage exists (dropped before commit). */
    private boolean stageView;
    /** The stage's table that {@code stage_orders} reads, once the stage has finished. */
    private String runsTable;
    private final OrderKeys keys = new OrderKeys(this::reserveKeyBlocks);
    private final LineRuns runs;

    private BulkLoadIndexes lineIndexes;
    /** Whether this import holds {@link #BULK_LOAD_TABLES} (and the merge lock) since a pause of its COPY. */
    private boolean holdsBulkLoadTables;
    private boolean bulkLoadRefused;
    private long existingLines = -1;

    /**
     * The purchase facts of the staged orders, computed from the stage on the stage's connection while this one writes
     * the orders ({@link RunStage#computeFacts}): a first load's from the end of the stage on, a re-import's once the
     * merge finds it may replace every stored order ({@link #startStageFacts}); null when not started.
     */
    private FutureTask<String> stageFacts;
    /** The work_mem of the stage's facts, as PostgreSQL reads it. */
    private String factsWorkMem;
    /**
     * The latest time of the staged orders, read on the stage's connection after the facts (if any) while this one
     * checks and merges ({@link RunStage#latestOrderedAt}); null before the stage has finished.
     */
    private FutureTask<OffsetDateTime> stageLatest;
    /** Whether the stage holds exactly the orders to insert (no order of several runs rewritten, none left out). */
    private boolean stageAsStaged;

    private boolean checked;
    /** Rows of stage_orders and the lines they stand for, once the check has run. */
    private long stagedOrders;
    private long linesInStage;

    /** The lines' columns, in the order they are copied. */
    private static final String LINE_COLUMNS = "order_key, line_no, amount, quantity, category, sku, channel";

    /** Where lines wait when orders are stored already: only those of orders that changed go on into order_lines. */
    static final String STAGED_LINES = "stage_lines";

    /** Whether the lines stream into {@link #STAGED_LINES} (orders were stored when the import began) rather than order_lines. */
    private final boolean linesStaged;

    OrderLineBatch(DataSource dataSource, DatabaseSettings.Tuning tuning) {
        super(dataSource, tuning, OrderLineBatch::stagingArea);
        linesStaged = copySql().startsWith("copy " + STAGED_LINES + " ");
        try {
            stage = new RunStage(dataSource);
        } catch (RuntimeException e) {
            super.close();
            throw e;
        }
        runs = new LineRuns(keys::next, stage::add);
    }

    /**
     * Into an empty {@code orders} (a first load) the lines go straight into {@code order_lines}: every order is new, so
     * they are written once. When orders are stored already, the lines wait in a temporary table ({@link #STAGED_LINES},
     * never logged) until the merge knows which orders the file leaves as they are ({@link OrderMerge}): those orders'
     * lines go nowhere, the others' are inserted, so re-sending a file writes only what changed.
     */
    private static String stagingArea(Connection connection) throws SQLException {
        // asked outside the import's transaction: a lock on orders held from now on would make another import's bulk
        // load wait for this one while this one waits for its merge lock (ExclusiveLocks); the temporary table names
        // its columns' types for the same reason, rather than copying them from order_lines
        connection.setAutoCommit(true);
        boolean empty = Statements.count(connection, "select count(*) from (select 1 from orders limit 1) o") == 0;
        connection.setAutoCommit(false);
        if (empty) {
            return "copy order_lines (" + LINE_COLUMNS + ") from stdin";
        }
        Statements.update(connection, "create temp table " + STAGED_LINES + " (order_key bigint, line_no integer, amount numeric(19,4), "
                + "quantity numeric(19,4), category text, sku text, channel text) on commit drop");
        return "copy " + STAGED_LINES + " (" + LINE_COLUMNS + ") from stdin";
    }

    @Override
    protected void stage(CopyStream copy, OrderLineRow row) {
        runs.add(row);
        // taking a key may have reopened the COPY, so write to the current one rather than the parameter
        copy().field(runs.key()).field(runs.lineInRun()).field(row.amount()).field(row.quantity()).field(row.category())
                .field(row.sku()).field(row.channel());
    }

    /** A row of this order was invalid (lenient mode): a marker run makes the check leave the whole order out. */
    @Override
    public void leaveOut(String orderId) {
        runs.leaveOut(orderId);
    }

    private long[] reserveKeyBlocks(int count) {
        try {
            return betweenCopies(() -> {
                considerBulkLoad();
                return numbers("select nextval('order_key_blocks') from generate_series(1, " + count + ")");
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not reserve order keys: " + e.getMessage(), e);
        }
    }

    /**
     * At each pause of the COPY: once the lines streamed so far are many against the lines already stored (or the
     * table is empty), the primary key of {@code order_lines} is dropped and built again after the last line, as
     * {@link BulkLoadIndexes} does for orders. That needs the lines, the orders, the purchase facts and the merge lock
     * to itself until the import ends, all taken now without waiting; if any other transaction uses one of them right
     * now the key stays, and this import does not ask again.
     */
    private void considerBulkLoad() throws SQLException {
        if (holdsBulkLoadTables || bulkLoadRefused) {
            return;
        }
        if (existingLines < 0) {
            existingLines = BulkLoadIndexes.estimatedRows(connection, "order_lines");
        }
        if (existingLines > 0 && !BulkLoadIndexes.worthRebuilding(stagedRows(), existingLines)) {
            return;
        }
        update("savepoint bulk_load");
        // the merge lock last: a failed try leaves nothing to release, and the tables go with the savepoint
        if (!ExclusiveLocks.tryAll(connection, BULK_LOAD_TABLES) || !tryLockForMerge()) {
            update("rollback to savepoint bulk_load");
            bulkLoadRefused = true;
            return;
        }
        update("release savepoint bulk_load");
        holdsBulkLoadTables = true;
        if (linesStaged) {
            // the lines wait in their own table, so there is no key to drop now; the merge decides which indexes to
            // build again once it knows how many orders changed, and needs not wait for the tables then
            return;
        }
        lineIndexes = BulkLoadIndexes.of(connection, "order_lines", tuning);
        lineIndexes.drop(connection);
    }

    /** The lines are in: their key is built again, the runs staged, and orders of several runs checked ({@link MultiRunOrders}). */
    @Override
    public CrossRowCheck crossRowCheck() {
        try {
            endStaging();
            runs.end();
            // the stage's connection ends its COPY (the server may still be taking rows in) while this one builds the
            // lines' key: two server processes at once
            FutureTask<String> stageFinished = new FutureTask<>(stage::finish);
            Thread finishing = new Thread(stageFinished, "import-run-stage");
            finishing.setDaemon(true);
            finishing.start();
            try {
                if (lineIndexes != null) {
                    // the build records how many lines there are, which is all the statements that follow need to know
                    lineIndexes.rebuild(connection, false);
                    lineIndexes = null;
                }
            } catch (SQLException | RuntimeException e) {
                // the stage's connection is closed after this: never while the other thread still uses it
                if (awaitEnd(stageFinished)) { // the first failure is the one to report
                    Thread.currentThread().interrupt();
                }
                throw e;
            }
            runsTable = finished(stageFinished);
            // a first load (orders were empty as it began): the second server process aggregates the staged orders'
            // purchase facts while this one checks and inserts the orders; the merge uses them only if the stage
            // then still holds exactly the orders it inserted, into an empty table. Then, on every import, the same
            // process reads the stage's latest time for the facts' horizon, used on the same terms
            String workMem = DatabaseSettings.Tuning.setting(tuning.workMem());
            factsWorkMem = workMem;
            FutureTask<String> facts = linesStaged ? null : new FutureTask<>(() -> stage.computeFacts(workMem));
            FutureTask<OffsetDateTime> latest = new FutureTask<>(stage::latestOrderedAt);
            Thread beside = new Thread(() -> {
                if (facts != null) {
                    facts.run();
                }
                latest.run();
            }, "import-run-facts");
            beside.setDaemon(true);
            beside.start();
            stageFacts = facts;
            stageLatest = latest;
            checked = true;
            linesInStage = stagedRows();
            stagedOrders = stage.rows();
            // read where it is: the orders are written once more, into orders, and nothing copies them in between. The
            // check of orders of several runs rewrites their rows through the view, inside the import's transaction
            update("create temp view stage_orders as select * from " + runsTable);
            stageView = true;
            if (!stage.anyRepeated()) {
                stageAsStaged = true;
                return CrossRowCheck.none();
            }
            MultiRunOrders.Outcome outcome = MultiRunOrders.check(connection, tuning, linesTable());
            stageAsStaged = outcome.stageUnchanged();
            stagedOrders += outcome.stagedOrdersChange();
            linesInStage -= outcome.check().rejectedRows();
            return outcome.check();
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the orders: " + e.getMessage(), e);
        }
    }

    private static String finished(FutureTask<String> stageFinished) throws SQLException {
        boolean interrupted = awaitEnd(stageFinished);
        if (interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while finishing the stage of the orders");
        }
        try {
            return stageFinished.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException failure) {
                throw failure;
            }
            throw new IllegalStateException("could not finish the stage of the orders: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            throw new IllegalStateException("unreachable: the stage had finished", e); // awaitEnd returned only when done
        }
    }

    /**
     * Waits until the stage's thread is done with its connection, even when this thread is interrupted meanwhile (the
     * connection is closed after this, and must never be closed under the other thread); answers whether it was.
     */
    private static boolean awaitEnd(FutureTask<?> stageFinished) {
        boolean interrupted = false;
        while (!stageFinished.isDone()) {
            try {
                stageFinished.get();
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // done, with a failure the caller reads or ignores
            }
        }
        return interrupted;
    }

    @Override
    protected MergeOutcome mergeStaged() throws SQLException {
        if (!checked) {
            crossRowCheck();
        }
        OrderMerge.StageFacts facts = new OrderMerge.StageFacts() {
            @Override
            public void start() {
                startStageFacts();
            }

            @Override
            public String table() {
                return stageFactsTable();
            }
        };
        return OrderMerge.merge(connection, tuning, linesInStage, stagedOrders, holdsBulkLoadTables, linesStaged ? STAGED_LINES : null,
                runsTable, stage.categoryBits(), stageAsStaged ? facts : null,
                stageLatest != null && stageAsStaged ? this::advanceHorizonToStageLatest : null, visibilityMaps);
    }

    /**
     * Starts computing the stage's purchase facts on the stage's connection, after the latest time it reads first (one
     * statement at a time on a connection), unless a first load started them already.
     */
    private void startStageFacts() {
        if (stageFacts != null) {
            return;
        }
        FutureTask<OffsetDateTime> latest = stageLatest;
        String workMem = factsWorkMem;
        FutureTask<String> facts = new FutureTask<>(() -> {
            if (latest != null && awaitEnd(latest)) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the stage's connection");
            }
            return stage.computeFacts(workMem);
        });
        stageFacts = facts;
        Thread beside = new Thread(facts, "import-run-facts");
        beside.setDaemon(true);
        beside.start();
    }

    /** The facts' horizon moved to the stage's latest time once read; false if reading it failed (the merge reads it then). */
    private boolean advanceHorizonToStageLatest(Connection connection) throws SQLException {
        if (awaitEnd(stageLatest)) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the latest time of the orders");
        }
        OffsetDateTime latest;
        try {
            latest = stageLatest.get();
        } catch (ExecutionException | InterruptedException e) {
            return false;
        }
        PurchaseFacts.advanceHorizonTo(connection, latest);
        return true;
    }

    /** The table of the facts computed from the stage, once done; null if that failed (the merge then aggregates them itself). */
    private String stageFactsTable() {
        if (awaitEnd(stageFacts)) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the purchase facts of the orders");
        }
        try {
            return stageFacts.get();
        } catch (ExecutionException | InterruptedException e) {
            return null;
        }
    }

    private String linesTable() {
        return linesStaged ? STAGED_LINES : "order_lines";
    }

    /** The view must not outlive the transaction: the stage's table is dropped after it, and the session goes back to the pool. */
    @Override
    protected void beforeCommit() throws SQLException {
        if (stageView) {
            update("drop view stage_orders");
            stageView = false;
        }
    }

    /** The import's transaction ends first (committed or rolled back): it holds a lock on the stage's table until then. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            // never close the stage's connection under the facts' threads (a re-import's facts may follow the latest time)
            boolean interrupted = stageLatest != null && awaitEnd(stageLatest);
            interrupted |= stageFacts != null && awaitEnd(stageFacts);
            stage.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
