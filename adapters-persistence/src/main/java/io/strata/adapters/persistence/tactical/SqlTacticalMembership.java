package io.strata.adapters.persistence.tactical;

import io.strata.adapters.persistence.segmentation.RunHalves;
import io.strata.adapters.persistence.segmentation.RunPartitionsAutovacuum;
import io.strata.adapters.persistence.segmentation.StepTimes;
import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.MembershipRule;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.domain.rule.CheckedRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tactical memberships computed in PostgreSQL: the compiled rule filters the run's members of the parent segment.
 * A run's memberships go into a table of their own, created by one statement for all its segments, indexed after
 * loading and attached to {@code tactical_members}, all in one transaction; a large run's in two halves of its members
 * by customer key, one connection each ({@link MembershipHalves}).
 */
@Component
public class SqlTacticalMembership implements TacticalMembership {

    private static final Logger log = LoggerFactory.getLogger(SqlTacticalMembership.class);

    /**
     * From how many customers (the span of the run's customer keys) a run's memberships are written in two halves
     * ({@link MembershipHalves}), as the run's rows are (the same bound, {@code SqlSegmentationRun.HALVES_FROM}). Below it
     * one table, as before: a second connection and its steps cost more than a small run's one-core tail.
     */
    static final long HALVES_FROM = 100_000;

    /**
     * Up to how many matching members a preview's count also brings their keys, from which its sample is taken
     * ({@link #preview}): 10,000 keys are 80 KB; with more matches than that, the sample's walk of the parent's members
     * in key order meets its first matches early.
     */
    static final int FEW_MATCHES = 10_000;

    /**
     * Up to how many members a parent segment has for its preview's count to bring the keys of its matches beside the
     * count ({@link #preview}): the {@code array_agg} is built for every match before the count says whether they are
     * few, so the parent's size bounds the backend's memory for it (500,000 keys, 4 MB; no {@code work_mem} limits an
     * aggregate's array). A larger parent (at 10M customers, a segment of a million) counts alone and, when the matches
     * turn out few, asks their keys in a second statement.
     */
    static final long SMALL_PARENT = 500_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final int fewMatches;
    private final long smallParent;
    private final long halvesFrom;

    @Autowired
    public SqlTacticalMembership(JdbcClient jdbc, DataSource dataSource) {
        this(jdbc, dataSource, FEW_MATCHES, SMALL_PARENT);
    }

    /** With another bound of the halves ({@link #HALVES_FROM}): tests write the memberships of a few customers in halves. */
    SqlTacticalMembership(JdbcClient jdbc, DataSource dataSource, long halvesFrom) {
        this(jdbc, dataSource, FEW_MATCHES, SMALL_PARENT, halvesFrom);
    }

    /**
     * With other bounds of "few matches" ({@link #FEW_MATCHES}) and of a "small parent" ({@link #SMALL_PARENT}): for
     * tests of every way of sampling.
     */
    SqlTacticalMembership(JdbcClient jdbc, DataSource dataSource, int fewMatches, long smallParent) {
        this(jdbc, dataSource, fewMatches, smallParent, HALVES_FROM);
    }

    private SqlTacticalMembership(JdbcClient jdbc, DataSource dataSource, int fewMatches, long smallParent, long halvesFrom) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.fewMatches = fewMatches;
        this.smallParent = smallParent;
        this.halvesFrom = halvesFrom;
    }

    /**
     * For a run interrupted by a stop (marked failed at the next start): drops its memberships' upper half if that was
     * committed and never attached ({@link MembershipHalves}).
     */
    public static void dropLooseUpperHalf(JdbcClient jdbc, long runId) {
        MembershipHalves.dropLooseUpperHalf(jdbc, runId);
    }

    @Override
    public void assign(long runId, List<MembershipRule> segments, LocalDate asOf) {
        if (segments.isEmpty()) {
            return;
        }
        String partition = partition(runId);
        // the orders' categories asked of their masks, as a preview asks them (changeset 410): the probe of a member's
        // orders is index-only (a bit read before the statement is still that category's when it runs, see RuleSql)
        Map<String, Integer> bits = categoryBits(jdbc);
        Fill whole;
        try {
            // compiled once before any connection: a rule that cannot be compiled fails here, whatever the halves
            whole = fill(runId, segments, asOf, bits, null);
        } catch (RuntimeException e) {
            throw notComputed(runId, e);
        }
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            connection.setAutoCommit(false);
            // one snapshot for the whole statement, or for both halves (the upper one imports it)
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            MembershipHalves halves = null;
            try {
                StepTimes steps = new StepTimes();
                Optional<RunHalves.Split> split = MembershipHalves.split(connection, runId, halvesFrom);
                // one unit of work: a failure rolls the table back with everything else, the run keeps none of it
                execute(connection, "drop table if exists " + partition);
                Map<Long, Long> members;
                if (split.isPresent()) {
                    // a large run's members in two halves by customer key, one connection each, so that both cores
                    // write rows and build indexes (MembershipHalves)
                    halves = MembershipHalves.start(dataSource, connection, runId, split.get(), range -> fill(runId, segments, asOf, bits, range));
                    members = halves.writeLower(connection, steps);
                } else {
                    // every segment in one statement; a table created from a query may use both cores (an insert ...
                    // select is always planned serially)
                    create(connection, whole, partition);
                    steps.done("statement");
                    constrainAndIndex(connection, partition, "run_id = " + runId, steps);
                    members = members(connection, partition);
                    steps.done("counts");
                }
                // attaching checks the foreign keys for the whole table at once
                execute(connection, "alter table tactical_members attach partition " + partition + " for values in (" + runId + ")");
                steps.done("attach");
                saveSizes(connection, runId, segments, members);
                steps.done("sizes");
                connection.commit();
                steps.done("commit");
                // where the memberships spend their time, statement by statement (bench/segmentation-benchmark.sh prints it)
                log.info("run {}: tactical memberships steps {}", runId, steps);
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
                connection.setAutoCommit(true);
                connection.setTransactionIsolation(isolation);
            }
        } catch (SQLException | RuntimeException e) {
            throw notComputed(runId, e);
        }
    }

    /** Creates {@code table} (the parent's columns) from the memberships' statement. */
    static void create(Connection connection, Fill fill, String table) throws SQLException {
        // autovacuum kept away until the run's follow-ups have vacuumed and analysed it (RunPartitionsAutovacuum)
        try (PreparedStatement create = connection.prepareStatement("create table " + table + " (run_id, tactical_id, customer_key)"
                + RunPartitionsAutovacuum.OFF + " as\n" + fill.sql())) {
            bind(create, fill.parameters());
            create.executeLargeUpdate();
        }
    }

    /**
     * The parent's not-null columns and the check that spares the attach a scan ({@code check}: the run, and a half's
     * key range), in one pass over the rows; then the indexes, built once over the loaded rows (adopted by the parent's
     * when attaching).
     */
    static void constrainAndIndex(Connection connection, String table, String check, StepTimes steps) throws SQLException {
        execute(connection, "alter table " + table + " add constraint " + table + "_run check (" + check + "),"
                + " alter column run_id set not null, alter column tactical_id set not null, alter column customer_key set not null");
        steps.done("constraints");
        execute(connection, "alter table " + table + " add primary key (run_id, tactical_id, customer_key)");
        steps.done("primary key");
        execute(connection, "create index on " + table + " (customer_key, run_id)");
        steps.done("customer index");
    }

    private static IllegalStateException notComputed(long runId, Exception e) {
        return new IllegalStateException("could not compute the tactical segments of run " + runId + ": " + e.getMessage(), e);
    }

    /** The run's own partition of tactical_members; the name is built from the numeric run id only. */
    static String partition(long runId) {
        return "tactical_members_" + runId;
    }

    record Fill(String sql, List<Object> parameters) {
    }

    /**
     * The query a run's membership table is created from ({@link #create}: with the parent's column types), for the
     * members whose keys lie in {@code keys} (null: all; a half, {@link MembershipHalves}): a union of branches. The
     * segments of different parents whose rule reads the customer's row without a subquery share a pass ({@link #onePass}):
     * their parents' members joined once with {@code customers}, each member tested against the rule of its own parent
     * (a second such segment of a parent goes into a second pass). Every other segment is a branch of its own
     * ({@link RuleSql#membersOf}: its parent's members by the segment index, the customer's row only when the rule reads
     * it). PostgreSQL may spread the branches over both cores (a parallel append under a table created from a query).
     */
    static Fill fill(long runId, List<MembershipRule> segments, LocalDate asOf, Map<String, Integer> categoryBits, MembershipHalves.KeyRange keys) {
        List<SqlFragment> branches = new ArrayList<>();
        // the k-th segment of each parent whose rule reads the customer's row (without a subquery) goes into pass k
        List<Set<String>> passes = new ArrayList<>();
        List<List<MembershipRule>> passSegments = new ArrayList<>();
        List<List<RuleSql.MemberCondition>> passConditions = new ArrayList<>();
        for (MembershipRule segment : segments) {
            RuleSql.MemberCondition condition = RuleSql.onMember(segment.rule(), asOf, runId, categoryBits);
            if (sharesAPass(condition)) {
                int pass = 0;
                while (pass < passes.size() && passes.get(pass).contains(segment.parentSegment())) {
                    pass++;
                }
                if (pass == passes.size()) {
                    passes.add(new HashSet<>());
                    passSegments.add(new ArrayList<>());
                    passConditions.add(new ArrayList<>());
                }
                passes.get(pass).add(segment.parentSegment());
                passSegments.get(pass).add(segment);
                passConditions.get(pass).add(condition);
                continue;
            }
            branches.add(SqlFragment.of("select ", SqlFragment.bind(runId, "bigint"), ", ", SqlFragment.bind(segment.tacticalId(), "bigint"),
                    ", a.customer_key", RuleSql.membersOf(segment.rule(), asOf, runId, segment.parentSegment(), categoryBits, keys, true)));
        }
        for (int pass = passes.size() - 1; pass >= 0; pass--) {
            branches.add(0, passSegments.get(pass).size() == 1
                    ? SqlFragment.of("select ", SqlFragment.bind(runId, "bigint"), ", ", SqlFragment.bind(passSegments.get(pass).get(0).tacticalId(), "bigint"),
                            ", a.customer_key", RuleSql.membersOf(passSegments.get(pass).get(0).rule(), asOf, runId, passSegments.get(pass).get(0).parentSegment(),
                            categoryBits, keys, true))
                    : onePass(runId, passSegments.get(pass), passConditions.get(pass), keys));
        }
        SqlFragment union = SqlFragment.join(branches, "\nunion all\n");
        return new Fill(union.sql(), union.parameters());
    }

    /**
     * Whether a segment is tested in a pass shared with the segments of other parents: its rule reads the customer's
     * row and has no subquery (a rule with one keeps its own branch, where PostgreSQL turns an {@code exists} into a
     * semi join its parallel workers run; in a shared pass it would be a subplan).
     */
    private static boolean sharesAPass(RuleSql.MemberCondition condition) {
        return condition.readsCustomerRow() && !condition.subquery();
    }

    /**
     * The members of segments of different parents whose rules read the customer's row, in one pass: the members of
     * their parents joined once with {@code customers} (session 32 measured a scan of all 1M customers per such
     * branch), a member kept when the rule of its own parent matches it, its segment told by its parent. The test is an
     * {@code or} of (parent, rule) pairs in the where, so that PostgreSQL estimates the few rows kept and may run the
     * pass in its parallel workers.
     */
    static SqlFragment onePass(long runId, List<MembershipRule> segments, List<RuleSql.MemberCondition> conditions, MembershipHalves.KeyRange keys) {
        List<SqlFragment> tests = new ArrayList<>();
        List<SqlFragment> ids = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            SqlFragment parent = SqlFragment.bind(segments.get(i).parentSegment(), "text");
            tests.add(SqlFragment.of("(a.segment_key = ", parent, " and ", conditions.get(i).condition(), ")"));
            ids.add(SqlFragment.of(" when ", parent, " then ", SqlFragment.bind(segments.get(i).tacticalId(), "bigint")));
        }
        List<SqlFragment> parents = segments.stream().map(s -> SqlFragment.bind(s.parentSegment(), "text")).toList();
        return SqlFragment.of("select ", SqlFragment.bind(runId, "bigint"), ", case a.segment_key", SqlFragment.join(ids, ""), " end, a.customer_key",
                " from run_assignments a join customers c on c.customer_key = a.customer_key",
                " where a.run_id = ", SqlFragment.bind(runId, "bigint"), " and a.segment_key in (", SqlFragment.join(parents, ", "), ")",
                keys == null ? "" : keys.on("a") + keys.on("c"), " and (", SqlFragment.join(tests, " or "), ")");
    }

    /** Members per segment, counted in the new table (every segment gets a count, zero if none matched). */
    static Map<Long, Long> members(Connection connection, String partition) throws SQLException {
        Map<Long, Long> members = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement();
             var rs = statement.executeQuery("select tactical_id, count(*) from " + partition + " group by tactical_id")) {
            while (rs.next()) {
                members.put(rs.getLong(1), rs.getLong(2));
            }
        }
        return members;
    }

    /**
     * The parents' sizes are the run's summary ({@code run_segments}), which both engines write in the assignment's own
     * transaction, so it is committed before the follow-ups; a run without a summary has its parents counted in its
     * rows, as before (at 1M that count read the 614,000 members of the benchmark's five parents again: 0.18 s).
     */
    private static void saveSizes(Connection connection, long runId, List<MembershipRule> segments, Map<Long, Long> members) throws SQLException {
        try (PreparedStatement sizes = connection.prepareStatement("""
                insert into tactical_run_sizes (run_id, tactical_id, members, parent_customers)
                select ?, t.tactical_id, t.members,
                       case when exists (select 1 from run_segments s where s.run_id = ?)
                            then coalesce((select s.customers from run_segments s where s.run_id = ? and s.segment_key = t.parent), 0)
                            else (select count(*) from run_assignments a where a.run_id = ? and a.segment_key = t.parent) end
                from unnest(?::bigint[], ?::bigint[], ?::text[]) as t(tactical_id, members, parent)""")) {
            sizes.setLong(1, runId);
            sizes.setLong(2, runId);
            sizes.setLong(3, runId);
            sizes.setLong(4, runId);
            sizes.setArray(5, connection.createArrayOf("bigint", segments.stream().map(MembershipRule::tacticalId).toArray()));
            sizes.setArray(6, connection.createArrayOf("bigint", segments.stream().map(r -> members.getOrDefault(r.tacticalId(), 0L)).toArray()));
            sizes.setArray(7, connection.createArrayOf("text", segments.stream().map(MembershipRule::parentSegment).toArray()));
            sizes.executeUpdate();
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    /**
     * The count first, then the sample (the first members by customer key), so that no statement's plan depends on
     * stopping early. The count is one aggregate that PostgreSQL may split over both cores (no {@code count(*) over ()}
     * beside the sample: the window had every matching row sent through the gather to one process and kept in a
     * tuplestore until the count was known); while the matches are few ({@link #FEW_MATCHES} or fewer) it also brings
     * their keys (a plain {@code array_agg}, which the workers build in parts), and the sample is the smallest of them,
     * named by a look-up of their ids. The keys come beside the count only in a parent of at most {@link #SMALL_PARENT}
     * members, since the array holds every match until the count is known; a larger parent's count comes alone, and
     * when its matches are few a second statement of the same form brings their keys. With more matches, the sample walks the parent's members in key order and stops at
     * its size, which it reaches after a few of them. Until session 38 the sample came first and the count only when the
     * sample filled up: with few or no matches the walk in key order read every member serially, and for a rule on the
     * customer's row the planner merged the members with all of {@code customers} in key order (a preview of the
     * benchmark's three-condition rule in {@code hibernating}, 6 matches among 213,085 members at 1M, 0.7 s warm and
     * 2.1 s cold for the sample alone; docs/benchmarks.md, session 38). Both statements read the members as a run's
     * tactical memberships do ({@link RuleSql#membersOf}): the customer's row is joined only when the rule reads it.
     */
    @Override
    public Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize) {
        // predicted fields read the run by its id; the orders' categories are asked of their masks (changeset 410)
        SqlFragment members = RuleSql.membersOf(rule, asOf, runId, parentSegment, categoryBits(jdbc));
        long parent = jdbc.sql("select coalesce(max(customers), 0) from run_segments where run_id = ? and segment_key = ?")
                .params(runId, parentSegment).query(Long.class).single();
        // the bound is a literal: a bind parameter could leave a generic plan unsure of it
        String keysBeside = parent <= smallParent ? "case when count(*) <= " + fewMatches + " then array_agg(a.customer_key) end" : "null::bigint[]";
        Counted counted = jdbc.sql("select count(*), " + keysBeside + members.sql())
                .params(members.parameters())
                .query((rs, n) -> new Counted(rs.getLong(1), keys(rs.getArray(2)))).single();
        if (sampleSize <= 0 || counted.matching() == 0) {
            return new Preview(counted.matching(), parent, List.of());
        }
        long[] few = counted.keys();
        if (few == null && counted.matching() <= fewMatches) {
            // a large parent's few matches: their keys by a second count-like statement, parallel as the first
            // (none left if an import took them away meanwhile: no sample then)
            few = jdbc.sql("select coalesce(array_agg(a.customer_key), '{}')" + members.sql()).params(members.parameters())
                    .query((rs, n) -> keys(rs.getArray(1))).single();
        }
        if (few != null) {
            return new Preview(counted.matching(), parent, idsOf(smallest(few, sampleSize)));
        }
        List<Object> sampled = new ArrayList<>(members.parameters());
        sampled.add(sampleSize);
        List<String> first = jdbc.sql("select (select x.customer_id from customers x where x.customer_key = a.customer_key)"
                        + members.sql() + " order by a.customer_key limit ?")
                .params(sampled).query(String.class).list();
        return new Preview(counted.matching(), parent, List.copyOf(first));
    }

    /** A preview's count, and the matching members' keys (in no order) when they are few, else null. */
    private record Counted(long matching, long[] keys) {
    }

    private static long[] keys(java.sql.Array array) throws SQLException {
        if (array == null) {
            return null;
        }
        Object[] boxed = (Object[]) array.getArray();
        long[] keys = new long[boxed.length];
        for (int i = 0; i < boxed.length; i++) {
            keys[i] = ((Number) boxed[i]).longValue();
        }
        return keys;
    }

    /** The {@code size} smallest keys, ascending. */
    static long[] smallest(long[] keys, int size) {
        long[] sorted = keys.clone();
        java.util.Arrays.sort(sorted);
        return java.util.Arrays.copyOf(sorted, Math.min(size, sorted.length));
    }

    /** The customers' ids, in the order of their keys. */
    private List<String> idsOf(long[] keys) {
        // the keys as an array literal of digits: numbers only, read from the database a moment ago
        String array = java.util.Arrays.stream(keys).mapToObj(Long::toString).collect(java.util.stream.Collectors.joining(",", "{", "}"));
        return jdbc.sql("select customer_id from customers where customer_key = any(?::bigint[]) order by customer_key")
                .param(array).query(String.class).list();
    }

    /** The categories' bits as stored ({@code order_category_bits}, changeset 410: at most 62 rows). */
    static Map<String, Integer> categoryBits(JdbcClient jdbc) {
        Map<String, Integer> bits = new java.util.HashMap<>();
        jdbc.sql("select category, bit from order_category_bits").query(rs -> {
            bits.put(rs.getString(1), rs.getInt(2));
        });
        return bits;
    }

    @Override
    public void streamMembers(long runId, long tacticalId, Consumer<String> customerIds) {
        jdbc.sql("select c.customer_id from tactical_members m join customers c using (customer_key) "
                        + "where m.run_id = ? and m.tactical_id = ? order by c.customer_id")
                .params(runId, tacticalId).withFetchSize(10_000)
                .query(rs -> {
                    customerIds.accept(rs.getString(1));
                });
    }

    @Override
    public List<RunSize> sizes(long runId) {
        return jdbc.sql("select tactical_id, members, parent_customers from tactical_run_sizes where run_id = ?").param(runId)
                .query((rs, n) -> new RunSize(rs.getLong(1), rs.getLong(2), rs.getLong(3))).list();
    }

    @Override
    public List<Long> segmentsOf(long runId, String customerId) {
        return jdbc.sql("select m.tactical_id from tactical_members m join customers c using (customer_key) "
                        + "where m.run_id = ? and c.customer_id = ? order by 1")
                .params(runId, customerId).query(Long.class).list();
    }

    @Override
    public List<String> firstMembers(long runId, long tacticalId, int limit) {
        return jdbc.sql("select c.customer_id from tactical_members m join customers c using (customer_key) "
                        + "where m.run_id = ? and m.tactical_id = ? order by c.customer_id limit ?")
                .params(runId, tacticalId, limit).query(String.class).list();
    }

    @Override
    public List<io.strata.application.tactical.TacticalRunShare> history(long tacticalId) {
        return jdbc.sql("select s.run_id, r.as_of, s.members, s.parent_customers from tactical_run_sizes s "
                        + "join segmentation_runs r on r.run_id = s.run_id where s.tactical_id = ? and r.status = 'COMPLETED' order by r.as_of, s.run_id")
                .param(tacticalId)
                .query((rs, n) -> new io.strata.application.tactical.TacticalRunShare(rs.getLong(1), rs.getObject(2, java.time.LocalDate.class),
                        rs.getLong(3), rs.getLong(4))).list();
    }
}
