package io.strata.adapters.persistence.imports;

import io.strata.application.imports.CrossRowCheck;
import io.strata.application.imports.MergeOutcome;
import io.strata.application.imports.ImportReport;
import io.strata.application.imports.OrderLineRow;
import io.strata.application.imports.RowError;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders: the order is the unit of upsert. Importing an order_id again replaces all its lines; the per-order totals
 * that segmentation reads are rebuilt for the orders touched, in the same transaction.
 *
 * <p>Lines go by COPY straight into {@code order_lines}, under order keys taken in blocks from
 * {@code order_key_blocks}, so nothing copies them a second time. While they stream, consecutive lines with the same
 * order, customer and time (as written) form a <em>run</em>; each run is summed up here (key, order, customer, time, total, line
 * count, first line) and its summary spooled to a temporary file, which is copied into {@code stage_orders} once the
 * lines are in. Most orders are one run, so the database never groups lines. An order that comes back later in the
 * file, or whose lines disagree on customer or time, has several runs; only those orders are checked and joined in
 * SQL.
 *
 * <p>The merge inserts the orders, then brings {@link PurchaseFacts} up to date. An import large against a table
 * drops its indexes and builds them again after the rows ({@link BulkLoadIndexes}): those of {@code orders} around
 * the insert, the primary key of {@code order_lines} while the lines stream (decided at a pause of the COPY).
 */
final class OrderLineBatch extends StagedBatch<OrderLineRow> {

    /** How far apart the lines of one order may be stamped. */
    static final java.time.Duration ORDER_SPAN = java.time.Duration.ofDays(1);

    /** The increment of the sequence {@code order_key_blocks}: one nextval reserves this many keys. */
    static final int KEY_BLOCK = 65_536;

    private final Path spoolFile;
    private final OutputStream spoolOut;
    private final CopyStream runs;
    private final SeenIds seen = new SeenIds();

    /** The most key blocks one fetch takes: 64 blocks are 4M orders. */
    static final int MAX_BLOCKS_AT_ONCE = 64;

    private BulkLoadIndexes lineIndexes;
    /** Whether this import holds {@link #BULK_LOAD_TABLES} (and the merge lock) since a pause of its COPY. */
    private boolean holdsBulkLoadTables;
    private boolean bulkLoadRefused;
    private long existingLines = -1;
    private long[] blocks = new long[0];
    private int blocksTaken;
    private int blocksNext = 1;
    private long nextKey;
    private long keysLeft;

    private String runOrder;
    private String runCustomer;
    private Instant runOrderedAt;
    private String runOrderedAtText;
    private long runKey;
    private long runFirstLine;
    private long runLastLine;
    private int runLines;
    private BigDecimal runTotal;
    private boolean runRepeated;

    private boolean checked;
    /** Rows of stage_orders and the lines they stand for, kept up to date by the spool and the check. */
    private long stagedOrders;
    private long linesInStage;
    /** Whether a run was spooled as possibly repeating an order (or as a lenient marker): only then is there a check. */
    private boolean anyRepeated;

    OrderLineBatch(DataSource dataSource) {
        super(dataSource,
                "create temp table stage_orders (order_key bigint, order_id text collate \"C\", customer_id text collate \"C\", "
                        + "ordered_at timestamptz, total numeric(19,4), line_count integer, first_line bigint, repeated boolean, "
                        + "left_out boolean, ordered_at_text text) on commit drop",
                "copy order_lines (order_key, line_no, amount, quantity, category, sku, channel) from stdin");
        try {
            spoolFile = Files.createTempFile("strata-order-runs-", ".copy");
            spoolOut = Files.newOutputStream(spoolFile);
        } catch (IOException e) {
            super.close();
            throw new UncheckedIOException("could not create the import's spool file: " + e.getMessage(), e);
        }
        runs = new CopyStream(spoolOut);
    }

    @Override
    protected void stage(CopyStream copy, OrderLineRow row) {
        boolean sameRun = row.orderId().equals(runOrder) && row.customerId().equals(runCustomer)
                && row.orderedAtText().equals(runOrderedAtText) && row.line() == runLastLine + 1;
        if (sameRun) {
            runLines++;
            runLastLine = row.line();
            runTotal = runTotal.add(row.amount());
        } else {
            boolean continuesOrder = row.orderId().equals(runOrder);
            endRun();
            runOrder = row.orderId();
            runCustomer = row.customerId();
            runOrderedAt = row.orderedAt();
            runOrderedAtText = row.orderedAtText();
            runKey = takeKey();
            runFirstLine = row.line();
            runLastLine = row.line();
            runLines = 1;
            runTotal = row.amount();
            runRepeated = seen.addAndCheck(row.orderId()) || continuesOrder;
        }
        // takeKey may have reopened the COPY, so write to the current one rather than the parameter
        copy().field(runKey).field(runLines).field(row.amount()).field(row.quantity()).field(row.category()).field(row.sku())
                .field(row.channel());
    }

    /** A row of this order was invalid (lenient mode): a marker run makes the check leave the whole order out. */
    @Override
    public void leaveOut(String orderId) {
        seen.addAndCheck(orderId);
        spool(0, orderId, null, null, null, null, 0, 0, true, true);
    }

    /**
     * The next order key. Keys come in blocks of {@link #KEY_BLOCK} from the sequence, and fetching blocks means
     * pausing the COPY, so each fetch takes twice as many blocks as the last (up to {@link #MAX_BLOCKS_AT_ONCE}): a
     * file of 2M orders pauses five times instead of thirty-one. Unused keys are simply never used.
     */
    private long takeKey() {
        if (keysLeft == 0) {
            if (blocksTaken == blocks.length) {
                try {
                    blocks = betweenCopies(() -> {
                        considerBulkLoad();
                        return numbers("select nextval('order_key_blocks') from generate_series(1, " + blocksNext + ")");
                    });
                } catch (SQLException e) {
                    throw new IllegalStateException("could not reserve order keys: " + e.getMessage(), e);
                }
                blocksTaken = 0;
                blocksNext = Math.min(blocksNext * 2, MAX_BLOCKS_AT_ONCE);
            }
            nextKey = blocks[blocksTaken++];
            keysLeft = KEY_BLOCK;
        }
        keysLeft--;
        return nextKey++;
    }

    /**
     * The tables whose indexes a bulk load drops, locked exclusively together ({@link ExclusiveLocks}): once the lines
     * table is taken, the import must never wait for the other two, or a reader holding one of them while it waits for
     * the lines would deadlock with it.
     */
    private static final List<String> BULK_LOAD_TABLES = List.of("order_lines", "orders", "customer_purchase_facts");

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
        lineIndexes = BulkLoadIndexes.of(connection, "order_lines");
        lineIndexes.drop(connection);
    }

    private void endRun() {
        if (runOrder != null) {
            spool(runKey, runOrder, runCustomer, runOrderedAt, runOrderedAtText, runTotal, runLines, runFirstLine, runRepeated, false);
            runOrder = null;
        }
    }

    /** One row of stage_orders; a marker ({@code leftOut}) has no key, customer, time or total. */
    private void spool(long key, String orderId, String customerId, Instant orderedAt, String orderedAtText, BigDecimal total, int lines,
                       long firstLine, boolean repeated, boolean leftOut) {
        try {
            (leftOut ? runs.field((String) null) : runs.field(key)).field(orderId).field(customerId).field(orderedAt).field(total).field(lines).field(firstLine)
                    .field(repeated ? "t" : "f").field(leftOut ? "t" : "f").field(orderedAtText).endRow();
            stagedOrders++;
            anyRepeated |= repeated;
        } catch (SQLException e) {
            throw new IllegalStateException("could not spool an order: " + e.getMessage(), e);
        }
    }

    /**
     * All lines of one order must name one customer and lie within {@link #ORDER_SPAN} of each other (tills stamp the
     * lines of one order as the clock ticks; the order takes its earliest line's time), and in lenient mode an order
     * with an invalid line is left out whole; otherwise every line of it is wrong. Only orders of more than one run can
     * break this.
     */
    @Override
    public CrossRowCheck crossRowCheck() {
        try {
            endStaging();
            if (lineIndexes != null) {
                // the build records how many lines there are, which is all the statements that follow need to know
                lineIndexes.rebuild(connection, false);
                lineIndexes = null;
            }
            endRun();
            runs.finish();
            spoolOut.close();
            try (InputStream data = Files.newInputStream(spoolFile)) {
                copyFrom("copy stage_orders (order_key, order_id, customer_id, ordered_at, total, line_count, first_line, repeated, "
                        + "left_out, ordered_at_text) from stdin", data);
            }
            // the check and the merge need the row count and a rough idea of the columns: a small sample will do
            update("set local default_statistics_target = 10");
            update("analyze stage_orders");
            update("reset default_statistics_target");
            checked = true;
            linesInStage = stagedRows();
            return anyRepeated ? checkMultiRunOrders() : CrossRowCheck.none();
        } catch (SQLException e) {
            throw new IllegalStateException("could not check the orders: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back the import's spool file: " + e.getMessage(), e);
        }
    }

    private CrossRowCheck checkMultiRunOrders() throws SQLException {
        update("set local work_mem = '256MB'");
        update("create temp table order_runs on commit drop as select * from stage_orders "
                + "where order_id in (select order_id from stage_orders where repeated)");
        update("create temp table run_groups on commit drop as select order_id, min(customer_id) as customer_id, "
                + "max(customer_id) as other_customer, min(ordered_at) as ordered_at, max(ordered_at) as last_ordered_at, "
                + "(array_agg(ordered_at_text order by ordered_at, first_line) filter (where not left_out))[1] as earliest_text, "
                + "bool_or(left_out) as left_out, count(*) filter (where not left_out) as runs from order_runs group by order_id");
        update("alter table run_groups add column bad boolean");
        update("update run_groups set bad = left_out or customer_id <> other_customer or last_ordered_at - ordered_at > interval '"
                + ORDER_SPAN.toHours() + " hours'");
        List<RowError> errors = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("select r.order_id, r.customer_id, r.ordered_at_text, r.first_line, "
                + "r.line_count, g.customer_id, g.other_customer, g.left_out, g.earliest_text from order_runs r join run_groups g using (order_id) "
                + "where g.bad and not r.left_out order by r.first_line limit ?")) {
            statement.setInt(1, ImportReport.MAX_ERRORS);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next() && errors.size() < ImportReport.MAX_ERRORS) {
                    for (long line = rs.getLong(4); line < rs.getLong(4) + rs.getInt(5) && errors.size() < ImportReport.MAX_ERRORS; line++) {
                        errors.add(runError(line, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(6), rs.getString(7),
                                rs.getBoolean(8), rs.getString(9)));
                    }
                }
            }
        }
        long rejected = count("select coalesce(sum(r.line_count), 0) from order_runs r join run_groups g using (order_id) where g.bad");
        update("delete from order_lines where order_key in (select r.order_key from order_runs r join run_groups g using (order_id) "
                + "where g.bad and not r.left_out)");
        // a good order of several runs keeps the key of its first run; later runs' lines move under it, numbered on
        update("update order_lines l set order_key = m.target_key, line_no = l.line_no + m.line_offset from ("
                + "select r.order_key as run_key, first_value(r.order_key) over w as target_key, "
                + "coalesce(sum(r.line_count) over (w rows between unbounded preceding and 1 preceding), 0) as line_offset "
                + "from order_runs r join run_groups g using (order_id) where not g.bad and g.runs > 1 "
                + "window w as (partition by r.order_id order by r.first_line)) m "
                + "where l.order_key = m.run_key and m.run_key <> m.target_key");
        stagedOrders -= update("delete from stage_orders where order_id in (select order_id from run_groups)");
        linesInStage -= rejected;
        stagedOrders += update("insert into stage_orders (order_key, order_id, customer_id, ordered_at, total, line_count, first_line, repeated, left_out) "
                + "select min(r.order_key), r.order_id, min(r.customer_id), min(r.ordered_at), sum(r.total), sum(r.line_count), "
                + "min(r.first_line), false, false from order_runs r join run_groups g using (order_id) where not g.bad "
                + "group by r.order_id");
        return new CrossRowCheck(errors, rejected);
    }

    private static RowError runError(long line, String orderId, String customerId, String orderedAt, String firstCustomer,
                                     String otherCustomer, boolean leftOut, String earliest) {
        if (leftOut) {
            return new RowError(line, "order_id", orderId, "order " + orderId
                    + " has an invalid line; an order is imported whole, so this line was left out too");
        } else if (!firstCustomer.equals(otherCustomer)) {
            return new RowError(line, "customer_id", customerId, "order " + orderId + " names customers " + firstCustomer + " and "
                    + otherCustomer + "; all lines of one order must name one customer");
        }
        return new RowError(line, "ordered_at", orderedAt, "order " + orderId + " has lines more than a day apart (its earliest line is at "
                + earliest + "); the lines of one order may be up to a day apart and the order takes its earliest line's time, "
                + "so lines further apart are probably two orders sharing one order_id");
    }

    /** The staged orders of known customers, as rows of {@code orders}; a condition and an order may follow. */
    private static final String INSERT_ORDERS = "insert into orders (order_key, order_id, customer_key, ordered_at, total, line_count) "
            + "select s.order_key, s.order_id, c.customer_key, s.ordered_at, s.total, s.line_count "
            + "from stage_orders s join customers c using (customer_id) ";

    @Override
    protected MergeOutcome mergeStaged() throws SQLException {
        if (!checked) {
            crossRowCheck();
        }
        update("set local work_mem = '256MB'");
        // counted while spooling and checking, so the 2M staged orders need not be read again for them
        long imported = linesInStage;
        long incoming = stagedOrders;
        boolean bulk = BulkLoadIndexes.worthRebuilding(incoming, BulkLoadIndexes.estimatedRows(connection, "orders"));
        if (bulk && !holdsBulkLoadTables) {
            // before any write, and both at once: see ExclusiveLocks
            ExclusiveLocks.takeAll(connection, List.of("orders", "customer_purchase_facts"));
        }
        boolean firstLoad = count("select count(*) from (select 1 from orders limit 1) o") == 0;
        long updated = 0;
        if (!firstLoad) {
            updated = update("create temp table replaced_orders on commit drop as "
                    + "select o.order_key, o.customer_key from stage_orders s join orders o using (order_id)");
            if (updated > 0) {
                // a replaced order is deleted and inserted anew (its key changes anyway): cheaper than an upsert per row,
                // and safe because every write of orders happens under the merge lock
                update("analyze replaced_orders");
                update("delete from order_lines l using replaced_orders r where l.order_key = r.order_key");
                update("delete from orders o using replaced_orders r where o.order_key = r.order_key");
            }
        }
        BulkLoadIndexes indexes = bulk ? BulkLoadIndexes.of(connection, "orders") : null;
        if (bulk) {
            indexes.drop(connection);
        }
        // no sort: stage_orders is in key order already (runs are spooled as keys are taken), and the hash join
        // with customers as its inner side keeps that order
        long orders = update(INSERT_ORDERS);
        if (orders < incoming) {
            // a customer the import names but Strata does not know yet is created; that is the exception, so only
            // then are the staged orders compared with the customers a second time
            update("insert into customers (customer_id) select distinct customer_id from stage_orders s "
                    + "where not exists (select 1 from customers c where c.customer_id = s.customer_id) order by 1 on conflict (customer_id) do nothing");
            orders += update(INSERT_ORDERS + "where not exists (select 1 from orders o where o.order_key = s.order_key)");
        }
        if (bulk) {
            indexes.rebuild(connection);
            PurchaseFacts.recomputeAll(connection);
        } else {
            PurchaseFacts.recomputeTouched(connection, updated > 0);
        }
        return new MergeOutcome(imported, orders - updated, updated);
    }

    @Override
    public void close() {
        runs.close();
        try {
            spoolOut.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            Files.deleteIfExists(spoolFile);
        } catch (IOException ignored) {
            // a temporary file; the system cleans it up
        }
        super.close();
    }
}
