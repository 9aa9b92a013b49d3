package io.strata.adapters.persistence.segmentation;

import io.strata.adapters.persistence.database.PostgresText;
import io.strata.application.segmentation.AssignmentRow;
import io.strata.application.segmentation.CustomerRunEntry;
import io.strata.application.segmentation.SegmentMember;
import io.strata.adapters.persistence.work.WorkClaims;
import io.strata.application.segmentation.MigrationView;
import io.strata.application.segmentation.RunInProgress;
import io.strata.application.segmentation.RunStatus;
import io.strata.domain.segmentation.SegmentCount;
import io.strata.application.segmentation.StoredRun;
import io.strata.application.segmentation.port.out.SegmentationRuns;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

@Repository
public class JdbcSegmentationRuns implements SegmentationRuns {

    private static final String SELECT = "select r.*, s.name as segmentation_name from segmentation_runs r join segmentations s using (segmentation_id)";

    private final JdbcClient jdbc;
    private final WorkClaims claims;

    public JdbcSegmentationRuns(JdbcClient jdbc, WorkClaims claims) {
        this.jdbc = jdbc;
        this.claims = claims;
    }

    /**
     * The run's id is drawn and claimed first, on the claim's own connection, so that this node claims the run before its
     * RUNNING record exists; the claim ends once the run is recorded finished (see {@link WorkClaims}). The unit of work
     * that records the run runs on that connection ({@link #onClaim}): beginning a run takes one connection of the pool.
     */
    @Override
    public long reserve() {
        return claims.holdNew(WorkClaims.Space.RUNS, "select nextval(pg_get_serial_sequence('segmentation_runs', 'run_id'))");
    }

    @Override
    public <T> T onClaim(long runId, Supplier<T> work) {
        return claims.forTransactions(WorkClaims.Space.RUNS, Long.toString(runId), work);
    }

    @Override
    public void begin(long runId, long segmentationId, LocalDate asOf) {
        for (int attempt = 1; ; attempt++) {
            // "on conflict do nothing" rather than the unique index's error, which would end the caller's transaction
            // (a schedule begins its run in one unit of work with its own records, session 59)
            if (jdbc.sql("insert into segmentation_runs (run_id, segmentation_id, as_of, status, claimed_at) values (?, ?, ?, 'RUNNING', clock_timestamp())"
                    + " on conflict do nothing").params(runId, segmentationId, java.sql.Date.valueOf(asOf)).update() == 1) {
                return;
            }
            // the partial unique index admits one RUNNING run
            Long running = jdbc.sql("select run_id from segmentation_runs where status = 'RUNNING'").query(Long.class).optional().orElse(null);
            if (running != null || attempt == BEGIN_ATTEMPTS) {
                throw new RunInProgress(running);
            }
            // the run that refused this one ended in between (a small run takes milliseconds): there is room now.
            // Before session 51 this answered 409 "segmentation run null is still running" (found by curl).
        }
    }

    /** How often {@link #begin} tries again when the run that refused it has ended before it could be named. */
    private static final int BEGIN_ATTEMPTS = 3;

    @Override
    public void abandon(long runId) {
        claims.release(WorkClaims.Space.RUNS, Long.toString(runId));
    }

    /**
     * Takes up a run another process began (a Spark job given the run's id): claims it for this process's life, without
     * waiting, and records when. Answers false, claiming nothing, if another worker holds the run or it is no longer
     * RUNNING (the sweep may have failed it while no one held it). {@link #complete} and {@link #fail} end the claim.
     */
    public boolean takeUp(long runId) {
        if (!claims.tryHold(WorkClaims.Space.RUNS, Long.toString(runId))) {
            return false;
        }
        try {
            boolean running = jdbc.sql("update segmentation_runs set claimed_at = clock_timestamp() where run_id = ? and status = 'RUNNING'")
                    .param(runId).update() == 1;
            if (!running) {
                claims.release(WorkClaims.Space.RUNS, Long.toString(runId));
            }
            return running;
        } catch (RuntimeException e) {
            claims.release(WorkClaims.Space.RUNS, Long.toString(runId));
            throw e;
        }
    }

    @Override
    public void complete(long runId, long customers) {
        try {
            jdbc.sql("update segmentation_runs set status = 'COMPLETED', finished_at = clock_timestamp(), customers = ? where run_id = ?")
                    .params(customers, runId).update();
        } finally {
            claims.release(WorkClaims.Space.RUNS, Long.toString(runId));
        }
    }

    @Override
    public void fail(long runId, String error) {
        try {
            jdbc.sql("update segmentation_runs set status = 'FAILED', finished_at = clock_timestamp(), error = ? where run_id = ?")
                    .params(error, runId).update();
        } finally {
            claims.release(WorkClaims.Space.RUNS, Long.toString(runId));
        }
    }

    @Override
    public Optional<StoredRun> find(long runId) {
        return jdbc.sql(SELECT + " where r.run_id = ?").param(runId).query((rs, n) -> header(rs)).optional()
                .map(this::withSegments);
    }

    @Override
    public List<StoredRun> recent(Long before, int limit) {
        List<StoredRun> headers = jdbc.sql(SELECT + " where r.run_id < ? order by r.run_id desc limit ?")
                .params(before == null ? Long.MAX_VALUE : before, limit).query((rs, n) -> header(rs)).list();
        // the page's segment counts in one read, not one per run
        java.util.Map<Long, List<SegmentCount>> counts = new java.util.HashMap<>();
        jdbc.sql("select run_id, segment_key, name, rank, customers, revenue, orders from run_segments where run_id = any(?) order by run_id, rank")
                .param(headers.stream().map(StoredRun::runId).toArray(Long[]::new))
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new java.util.ArrayList<>()).add(new SegmentCount(rs.getString(2), rs.getString(3),
                            rs.getInt(4), rs.getLong(5), rs.getBigDecimal(6), rs.getLong(7)));
                });
        return headers.stream().map(run -> new StoredRun(run.runId(), run.segmentationId(), run.segmentationName(), run.status(), run.asOf(),
                run.startedAt(), run.finishedAt(), run.customers(), run.error(), counts.getOrDefault(run.runId(), List.of()))).toList();
    }

    @Override
    public Optional<Long> latestCompleted() {
        return jdbc.sql("select max(run_id) from segmentation_runs where status = 'COMPLETED'").query(Long.class).optional();
    }

    @Override
    public Optional<Long> previousCompleted(long runId) {
        return jdbc.sql("""
                        select max(p.run_id) from segmentation_runs p join segmentation_runs r on r.segmentation_id = p.segmentation_id
                        where r.run_id = ? and p.run_id < r.run_id and p.status = 'COMPLETED'""")
                .param(runId).query(Long.class).optional();
    }

    @Override
    public void streamAssignments(long runId, Consumer<AssignmentRow> rows) {
        jdbc.sql("""
                        select c.customer_id, a.segment_key, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary
                        from run_assignments a join customers c using (customer_key) where a.run_id = ? order by c.customer_id""")
                .param(runId)
                .withFetchSize(10_000)
                .query(rs -> {
                    rows.accept(new AssignmentRow(rs.getString(1), rs.getString(2), (Integer) nullableInt(rs, 3), (Integer) nullableInt(rs, 4),
                            (Integer) nullableInt(rs, 5), (Integer) nullableInt(rs, 6), rs.getInt(7), rs.getBigDecimal(8)));
                });
    }

    @Override
    public String readyForReaders(long runId) {
        return FreshRunPartitions.vacuum(jdbc, runId);
    }

    @Override
    public void followedUp(long runId) {
        jdbc.sql("update segmentation_runs set followed_up_at = clock_timestamp() where run_id = ?").param(runId).update();
    }

    @Override
    public boolean claimFollowUps(long runId) {
        return claims.tryHoldAlone(WorkClaims.Space.FOLLOW_UPS, Long.toString(runId));
    }

    @Override
    public void releaseFollowUps(long runId) {
        claims.release(WorkClaims.Space.FOLLOW_UPS, Long.toString(runId));
    }

    @Override
    public boolean isFollowedUp(long runId) {
        return jdbc.sql("select followed_up_at is not null from segmentation_runs where run_id = ?").param(runId).query(Boolean.class)
                .optional().orElse(false);
    }

    @Override
    public Optional<MigrationView> storedMigration(long fromRunId, long toRunId) {
        boolean stored = jdbc.sql("select exists (select 1 from run_migrations where from_run_id = ? and to_run_id = ?)")
                .params(fromRunId, toRunId).query(Boolean.class).single();
        return stored ? Optional.of(migration(fromRunId, toRunId)) : Optional.empty();
    }

    @Override
    public MigrationView migration(long fromRunId, long toRunId) {
        List<SegmentCount> segments = counts(toRunId);
        Map<String, Integer> ranks = new LinkedHashMap<>();
        segments.forEach(s -> ranks.put(s.key(), s.rank()));
        Map<String, Map<String, Long>> matrix = new LinkedHashMap<>();
        ranks.keySet().forEach(from -> {
            Map<String, Long> row = new LinkedHashMap<>();
            ranks.keySet().forEach(to -> row.put(to, 0L));
            matrix.put(from, row);
        });
        Map<String, Long> newcomers = new LinkedHashMap<>();
        ranks.keySet().forEach(k -> newcomers.put(k, 0L));
        long[] moves = new long[3];
        boolean computed = jdbc.sql("select exists (select 1 from run_migrations where from_run_id = ? and to_run_id = ?)")
                .params(fromRunId, toRunId).query(Boolean.class).single();
        if (!computed) {
            // counted by a plain select, which PostgreSQL may split over parallel workers (an insert ... select never
            // runs in parallel; at 1M customers this join of two runs' rows took 1.2-2.4 s of a run's follow-ups),
            // then the few cells are inserted (issue 19 item 2)
            List<Object[]> cells = jdbc.sql("""
                            select f.segment_key, t.segment_key, count(*)
                            from run_assignments t left join run_assignments f on f.run_id = ? and f.customer_key = t.customer_key
                            where t.run_id = ? group by 1, 2""")
                    .params(fromRunId, toRunId)
                    .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3)}).list();
            jdbc.sql("""
                            insert into run_migrations (from_run_id, to_run_id, from_segment, to_segment, customers)
                            select ?, ?, c.from_segment, c.to_segment, c.customers
                            from unnest(?::text[], ?::text[], ?::bigint[]) as c(from_segment, to_segment, customers)
                            on conflict do nothing""")
                    .params(fromRunId, toRunId, cells.stream().map(c -> (String) c[0]).toArray(String[]::new),
                            cells.stream().map(c -> (String) c[1]).toArray(String[]::new),
                            cells.stream().map(c -> (Long) c[2]).toArray(Long[]::new))
                    .update();
        }
        jdbc.sql("select from_segment, to_segment, customers from run_migrations where from_run_id = ? and to_run_id = ?")
                .params(fromRunId, toRunId)
                .query(rs -> {
                    String from = rs.getString(1);
                    String to = rs.getString(2);
                    long n = rs.getLong(3);
                    if (from == null) {
                        newcomers.merge(to, n, Long::sum);
                        return;
                    }
                    matrix.computeIfAbsent(from, k -> new LinkedHashMap<>()).merge(to, n, Long::sum);
                    int change = Integer.compare(ranks.getOrDefault(to, 0), ranks.getOrDefault(from, 0));
                    moves[change > 0 ? 0 : change < 0 ? 1 : 2] += n;
                });
        // the cached cells hold only customers of the later run: whoever else the earlier run had is gone
        Map<String, Long> gone = new LinkedHashMap<>();
        jdbc.sql("select segment_key, customers from run_segments where run_id = ? order by rank").param(fromRunId)
                .query(rs -> {
                    String from = rs.getString(1);
                    long stayedSomewhere = matrix.getOrDefault(from, Map.of()).values().stream().mapToLong(Long::longValue).sum();
                    gone.put(from, Math.max(0, rs.getLong(2) - stayedSomewhere));
                });
        return new MigrationView(fromRunId, toRunId, List.copyOf(ranks.keySet()), matrix, newcomers, gone, moves[0], moves[1], moves[2]);
    }

    @Override
    public List<SegmentMember> members(long runId, String segmentKey, String search, long afterKey, int limit) {
        if (!PostgresText.canHold(search)) {
            return List.of();
        }
        String filter = search == null ? "" : " and (c.customer_id = :search or lower(c.email) = lower(:search))";
        var statement = jdbc.sql("""
                        select a.customer_key, c.customer_id, c.email, c.city, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary
                        from run_assignments a join customers c using (customer_key)
                        where a.run_id = :run and a.segment_key = :segment and a.customer_key > :after""" + filter
                        + " order by a.customer_key limit :limit")
                .param("run", runId).param("segment", segmentKey).param("after", afterKey).param("limit", limit);
        if (search != null) {
            statement = statement.param("search", search);
        }
        return statement.query((rs, n) -> new SegmentMember(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Integer) nullableInt(rs, 5), (Integer) nullableInt(rs, 6), (Integer) nullableInt(rs, 7), (Integer) nullableInt(rs, 8),
                        rs.getInt(9), rs.getBigDecimal(10)))
                .list();
    }

    @Override
    public List<CustomerRunEntry> historyOf(String customerId) {
        return jdbc.sql("""
                        select r.run_id, r.as_of, r.segmentation_id, s.name, a.segment_key, coalesce(g.name, a.segment_key), a.r, a.f, a.m,
                               a.recency_days, a.frequency, a.monetary
                        from customers c join run_assignments a using (customer_key)
                        join segmentation_runs r on r.run_id = a.run_id and r.status = 'COMPLETED'
                        join segmentations s on s.segmentation_id = r.segmentation_id
                        left join run_segments g on g.run_id = a.run_id and g.segment_key = a.segment_key
                        where c.customer_id = ? order by r.run_id desc""")
                .param(customerId)
                .query((rs, n) -> new CustomerRunEntry(rs.getLong(1), rs.getDate(2).toLocalDate(), rs.getLong(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), (Integer) nullableInt(rs, 7), (Integer) nullableInt(rs, 8), (Integer) nullableInt(rs, 9),
                        (Integer) nullableInt(rs, 10), rs.getInt(11), rs.getBigDecimal(12)))
                .list();
    }

    private StoredRun withSegments(StoredRun run) {
        return new StoredRun(run.runId(), run.segmentationId(), run.segmentationName(), run.status(), run.asOf(), run.startedAt(),
                run.finishedAt(), run.customers(), run.error(), counts(run.runId()));
    }

    private List<SegmentCount> counts(long runId) {
        return jdbc.sql("select segment_key, name, rank, customers, revenue, orders from run_segments where run_id = ? order by rank")
                .param(runId)
                .query((rs, n) -> new SegmentCount(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4),
                        rs.getBigDecimal(5), rs.getLong(6)))
                .list();
    }

    private static StoredRun header(ResultSet rs) throws SQLException {
        Long customers = rs.getObject("customers") == null ? null : rs.getLong("customers");
        return new StoredRun(rs.getLong("run_id"), rs.getLong("segmentation_id"), rs.getString("segmentation_name"),
                RunStatus.valueOf(rs.getString("status")), rs.getDate("as_of").toLocalDate(), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")), customers, rs.getString("error"), List.of());
    }

    private static Object nullableInt(ResultSet rs, int column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
