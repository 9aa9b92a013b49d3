package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.DatabaseSettings;
import io.strata.adapters.persistence.database.PreviewPagesReadAhead;
import io.strata.application.segmentation.AssignmentPace;
import io.strata.application.segmentation.RunSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Runs one compiled plan inside PostgreSQL: every customer's assignment and the per-segment summary are written by
 * two set-based statements in one transaction (the first creates the run's partition as a query's result, then it is
 * indexed and attached); no customer row enters the JVM.
 */
final class SqlSegmentationRun {

    private static final Logger log = LoggerFactory.getLogger(SqlSegmentationRun.class);

    /** A segment as the summary shows it. */
    record SegmentLabel(String key, String name, int rank) {
    }

    private SqlSegmentationRun() {
    }

    /** The run's own partition of run_assignments; the name is built from the numeric run id only. */
    static String partition(long runId) {
        return "run_assignments_" + runId;
    }

    static long execute(DataSource dataSource, DatabaseSettings.Tuning tuning, long runId, SqlPlan plan, List<SegmentLabel> segments, LocalDate asOf) throws SQLException {
        return execute(dataSource, tuning, runId, plan, segments, asOf, snapshot -> { }, false);
    }

    /**
     * {@code snapshotTaken} gets the run's snapshot first thing, and returns before the run goes on (it stays valid until
     * commit). {@code buyerPatterns}: the run's predictions run beside it on that snapshot; when they may read their
     * buyers from the assignment's rows (the purchase facts cover the run's date, and the plan does not read
     * predictions, which are then stored before), the rows carry them and the snapshot says so
     * ({@link RunSnapshot#buyersCarried}).
     */
    static long execute(DataSource dataSource, DatabaseSettings.Tuning tuning, long runId, SqlPlan plan, List<SegmentLabel> segments, LocalDate asOf,
                        Consumer<RunSnapshot> snapshotTaken, boolean buyerPatterns) throws SQLException {
        return execute(dataSource, tuning, runId, plan, segments, asOf, snapshotTaken, buyerPatterns, HALVES_FROM);
    }

    /**
     * From how many customers (the span of their keys) a run is written in two halves ({@link RunHalves}). Below it
     * the run's partition is one table, as before: a second connection and its steps cost more than a small run's
     * one-core tail.
     */
    static final long HALVES_FROM = 100_000;

    /** As above; {@code halvesFrom}: the span of customer keys from which the run is written in halves (tests ask for it on small data). */
    static long execute(DataSource dataSource, DatabaseSettings.Tuning tuning, long runId, SqlPlan plan, List<SegmentLabel> segments, LocalDate asOf,
                        Consumer<RunSnapshot> snapshotTaken, boolean buyerPatterns, long halvesFrom) throws SQLException {
        Timestamp end = Timestamp.from(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            // one snapshot for the whole run: the facts read are those the horizon check saw, even if an import commits between
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            StatementWorkers workers = null;
            RunHalves halves = null;
            try {
                // the first statement takes the run's snapshot; exported, other work of the run can read the same data
                String snapshot;
                int backend;
                try (var statement = connection.createStatement();
                     var rs = statement.executeQuery("select pg_export_snapshot(), pg_backend_pid()")) {
                    rs.next();
                    snapshot = rs.getString(1);
                    backend = rs.getInt(2);
                }
                // decided on the snapshot, once, for the assignment and the predictions (which read the same horizon)
                boolean carried = buyerPatterns && !plan.needsPredictions() && buyerFactsCover(connection, end);
                // a large run is written by two connections, a half each, so that both cores insert and index, whether
                // or not the predictions run beside it (since session 44: beside one table they had the core its
                // leader left idle, but that table took about 1.5 times as long as the halves)
                Optional<RunHalves.Split> split = plan.rowsPerCustomer() ? RunHalves.split(connection, halvesFrom) : Optional.empty();
                // the predictions beside one table give way while its statement's parallel workers keep both cores
                // busy; the halves have no parallel workers (each half is one process from start to end), so beside
                // them there is nothing to give way to
                workers = buyerPatterns && split.isEmpty() ? new StatementWorkers(dataSource, backend, runId) : null;
                snapshotTaken.accept(new RunSnapshot(snapshot, carried, workers == null ? AssignmentPace.NONE : workers));
                boolean fromFacts = factsCover(connection, end);
                // the per-customer aggregation and the sorts fit in memory instead of spilling to disk
                execute(connection, "set local work_mem = '" + DatabaseSettings.Tuning.setting(tuning.workMem()) + "'");
                StepTimes steps = new StepTimes();
                List<Object> thresholds = thresholds(connection, plan, end, java.sql.Date.valueOf(asOf), fromFacts);
                steps.done("score thresholds");
                String partition = partition(runId);
                List<String> keys = segments.stream().map(SegmentLabel::key).toList();
                if (split.isPresent()) {
                    // the halves write and index at once, with no long CPU-only tail: the read-ahead starts with them
                    PreviewPagesReadAhead.start(dataSource, "run " + runId + " began writing");
                    halves = new RunHalves(dataSource, tuning, runId, snapshot, split.get());
                    halves.start((range, table) -> AssignmentSql.compile(plan, runId, end, java.sql.Date.valueOf(asOf), fromFacts, thresholds,
                            carried && fromFacts, keys, table, range));
                    long customers = halves.writeLower(connection, steps);
                    // the upper half's rows were committed after this transaction's snapshot: it does not see them, so
                    // the summary adds up what each half's own connection counted
                    writeSummary(connection, runId, halves.totals(), segments);
                    steps.done("summary");
                    connection.commit();
                    steps.done("commit");
                    log.info("run {}: assignment steps {}", runId, steps);
                    return customers;
                }
                AssignmentSql assignment = AssignmentSql.compile(plan, runId, end, java.sql.Date.valueOf(asOf), fromFacts, thresholds,
                        carried && fromFacts, keys);
                long customers;
                // the partition is created by the statement itself (create table ... as select may use both cores);
                // it is part of this transaction, so a failed run leaves no table behind
                try (PreparedStatement create = connection.prepareStatement(assignment.sql())) {
                    bind(create, assignment.parameters());
                    if (workers != null) {
                        workers.start();
                    }
                    customers = create.executeLargeUpdate();
                }
                steps.done("statement");
                // the first previews at the run's answer scan customers whole: read ahead into the OS's cache while the
                // constraints and indexes below keep the cores busy and leave the disk idle (6-15 s at 10M)
                PreviewPagesReadAhead.start(dataSource, "run " + runId + "'s statement");
                if (workers != null) {
                    steps.note("the predictions gave way " + workers.waitedMillis() + " ms");
                }
                constrainAndIndex(connection, partition, "run_id = " + runId, steps);
                if (workers != null) {
                    // the index builds' workers (scanning and sorting beside their leader) were watched too; from here on
                    // the assignment is one process (attach, analyze, summary)
                    workers.close();
                    steps.note("the predictions gave way " + workers.waitedMillis() + " ms in all");
                }
                execute(connection, "alter table run_assignments attach partition " + partition + " for values in (" + runId + ")");
                steps.done("attach");
                execute(connection, "analyze " + partition);
                steps.done("analyze");
                writeSummary(connection, runId, "select segment_key, count(*) as customers, sum(monetary) as revenue, sum(frequency) as orders from "
                        + partition + " group by segment_key", segments);
                steps.done("summary");
                connection.commit();
                steps.done("commit");
                // where a run's assignment spends its time, statement by statement (bench/segmentation-benchmark.sh prints it)
                log.info("run {}: assignment steps {}", runId, steps);
                return customers;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                if (halves != null) {
                    // the upper half commits on its own connection: once it has ended, its table goes too
                    try {
                        halves.dropUpper(connection);
                    } catch (SQLException | RuntimeException dropFailed) {
                        e.addSuppressed(dropFailed);
                    }
                }
                throw e;
            } finally {
                if (workers != null) {
                    workers.close();
                }
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        }
    }

    /**
     * What "like run_assignments" gave the table before: the parent's not-null columns, and the check that spares the
     * attach its scan ({@code check}: the run, and a half's key range), one pass over the rows for them all; then the
     * indexes, built once over the loaded rows and adopted by the parent's indexes when attaching.
     */
    static void constrainAndIndex(Connection connection, String table, String check, StepTimes steps) throws SQLException {
        execute(connection, "alter table " + table + " add constraint " + table + "_run check (" + check + "),"
                + " alter column run_id set not null, alter column customer_key set not null, alter column segment_key set not null,"
                + " alter column frequency set not null, alter column monetary set not null");
        steps.done("constraints");
        execute(connection, "alter table " + table + " add primary key (run_id, customer_key)");
        steps.done("primary key");
        execute(connection, "create index on " + table + " (run_id, segment_key, customer_key)");
        steps.done("segment index");
    }

    /**
     * The run's summary: customers, revenue and orders per segment of the definition (none for a segment without
     * members); {@code totals}: a query of those per segment key (segment_key, customers, revenue, orders).
     */
    private static void writeSummary(Connection connection, long runId, String totals, List<SegmentLabel> segments) throws SQLException {
        try (PreparedStatement summary = connection.prepareStatement("""
                insert into run_segments (run_id, segment_key, name, rank, customers, revenue, orders)
                select ?, s.key, s.name, s.rank, coalesce(a.customers, 0), coalesce(a.revenue, 0), coalesce(a.orders, 0)
                from unnest(?::text[], ?::text[], ?::int[]) as s(key, name, rank)
                left join (%s) a on a.segment_key = s.key""".formatted(totals))) {
            summary.setLong(1, runId);
            summary.setArray(2, connection.createArrayOf("text", segments.stream().map(SegmentLabel::key).toArray()));
            summary.setArray(3, connection.createArrayOf("text", segments.stream().map(SegmentLabel::name).toArray()));
            summary.setArray(4, connection.createArrayOf("integer", segments.stream().map(SegmentLabel::rank).toArray()));
            summary.executeUpdate();
        }
    }

    /** An RFM plan's score thresholds on the run's snapshot (see {@link AssignmentSql#scoreThresholds}); nothing for other plans. */
    private static List<Object> thresholds(Connection connection, SqlPlan plan, Timestamp end, java.sql.Date asOf, boolean fromFacts)
            throws SQLException {
        Optional<AssignmentSql> query = plan.accept(new SqlPlan.Visitor<>() {
            @Override
            public Optional<AssignmentSql> rfm(SqlPlan.Rfm rfm) {
                return Optional.of(AssignmentSql.scoreThresholds(rfm, end, asOf, fromFacts));
            }

            @Override
            public Optional<AssignmentSql> fixedTiers(SqlPlan.FixedTiers tiers) {
                return Optional.empty();
            }

            @Override
            public Optional<AssignmentSql> quantileTiers(SqlPlan.QuantileTiers tiers) {
                return Optional.empty();
            }

            @Override
            public Optional<AssignmentSql> lifecycle(SqlPlan.Lifecycle lifecycle) {
                return Optional.empty();
            }
        });
        if (query.isEmpty()) {
            return List.of();
        }
        try (PreparedStatement select = connection.prepareStatement(query.get().sql())) {
            bind(select, query.get().parameters());
            try (var rs = select.executeQuery()) {
                rs.next();
                List<Object> values = new ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getObject(i));
                }
                return values;
            }
        }
    }

    /** Whether the per-customer purchase facts equal the metrics as of the run's date: no order at or after its end. */
    static boolean factsCover(Connection connection, Timestamp end) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement(MetricsSql.FACTS_COVER)) {
            check.setTimestamp(1, end);
            try (var rs = check.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * Whether the predictions' buyers may be read from the purchase facts as of the run's date: as {@link #factsCover},
     * except that no horizon at all (no import wrote the facts) does not count (the prediction adapter's own test,
     * BuyerSql.FACTS_COVER, which it applies on the same snapshot).
     */
    private static boolean buyerFactsCover(Connection connection, Timestamp end) throws SQLException {
        try (PreparedStatement check = connection.prepareStatement(MetricsSql.BUYER_FACTS_COVER)) {
            check.setTimestamp(1, end);
            try (var rs = check.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            Object value = parameters.get(i);
            if (value == null) {
                statement.setNull(i + 1, java.sql.Types.NUMERIC);
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }
}
