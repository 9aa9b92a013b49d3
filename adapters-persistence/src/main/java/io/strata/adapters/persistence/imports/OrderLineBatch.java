package io.strata.adapters.persistence.imports;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.application.imports.CrossRowCheck;
import io.strata.application.imports.MergeOutcome;
import io.strata.application.imports.OrderLineRow;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.List;

/**
 * Orders: the order is the unit of upsert. Importing an order_id again replaces all its lines; the per-order totals
 * that segmentation reads are rebuilt for the orders touched, in the same transaction.
 *
 * <p>Lines go by COPY straight into {@code order_lines}, under keys from {@link OrderKeys}, so nothing copies them a
 * second time. While they stream, {@link LineRuns} sums consecutive lines of one order into runs, and {@link RunSpool}
 * keeps the runs' summaries until the lines are in and they can be copied into {@code stage_orders}. Only orders of
 * several runs are checked and joined in SQL ({@link MultiRunOrders}); {@link OrderMerge} then inserts the orders.
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

    private final RunSpool spool;
    private final OrderKeys keys = new OrderKeys(this::reserveKeyBlocks);
    private final LineRuns runs;

    private BulkLoadIndexes lineIndexes;
    /** Whether this import holds {@link #BULK_LOAD_TABLES} (and the merge lock) since a pause of its COPY. */
    private boolean holdsBulkLoadTables;
    private boolean bulkLoadRefused;
    private long existingLines = -1;

    private boolean checked;
    /** Rows of stage_orders and the lines they stand for, once the check has run. */
    private long stagedOrders;
    private long linesInStage;

    OrderLineBatch(DataSource dataSource, DatabaseSettings.Tuning tuning) {
        super(dataSource, tuning,
                "create temp table stage_orders (order_key bigint, order_id text collate \"C\", customer_id text collate \"C\", "
                        + "ordered_at timestamptz, total numeric(19,4), line_count integer, first_line bigint, repeated boolean, "
                        + "left_out boolean, ordered_at_text text, categories text[]) on commit drop",
                "copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from stdin");
        try {
            spool = new RunSpool();
        } catch (UncheckedIOException e) {
            super.close();
            throw e;
        }
        runs = new LineRuns(keys::next, spool::add);
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
        if (lineIndexes != null || bulkLoadRefused) {
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
        lineIndexes = BulkLoadIndexes.of(connection, "order_lines", tuning);
        lineIndexes.drop(connection);
    }

    /** The lines are in: their key is built again, the runs staged, and orders of several runs checked ({@link MultiRunOrders}). */
    @Override
    public CrossRowCheck crossRowCheck() {
        try {
            endStaging();
            if (lineIndexes != null) {
                // the build records how many lines there are, which is all the statements that follow need to know
                lineIndexes.rebuild(connection, false);
                lineIndexes = null;
            }
            runs.end();
            try (InputStream data = spool.readBack()) {
                copyFrom(RunSpool.COPY_INTO_STAGE, data);
            }
            // the check and the merge need the row count and a rough idea of the columns: a small sample will do
            update("set local default_statistics_target = 10");
            update("analyze stage_orders");
            update("reset default_statistics_target");
            checked = true;
            linesInStage = stagedRows();
            stagedOrders = spool.rows();
            if (!spool.anyRepeated()) {
                return CrossRowCheck.none();
            }
            MultiRunOrders.Outcome outcome = MultiRunOrders.check(connection, tuning);
            stagedOrders += outcome.stagedOrdersChange();
            linesInStage -= outcome.check().rejectedRows();
            return outcome.check();
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the orders: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back the import's spool file: " + e.getMessage(), e);
        }
    }

    @Override
    protected MergeOutcome mergeStaged() throws SQLException {
        if (!checked) {
            crossRowCheck();
        }
        return OrderMerge.merge(connection, tuning, linesInStage, stagedOrders, holdsBulkLoadTables);
    }

    @Override
    public void close() {
        spool.close();
        super.close();
    }
}
