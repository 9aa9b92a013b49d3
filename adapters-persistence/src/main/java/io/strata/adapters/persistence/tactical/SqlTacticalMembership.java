package io.strata.adapters.persistence.tactical;

import io.strata.application.tactical.RunSize;
import io.strata.application.tactical.Preview;
import io.strata.application.tactical.MembershipRule;
import io.strata.application.tactical.port.out.TacticalMembership;
import io.strata.domain.rule.CheckedRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tactical memberships computed in PostgreSQL: the compiled rule filters the run's members of the parent segment.
 * A run's memberships go into a table of their own, created by one statement for all its segments, indexed after
 * loading and attached to {@code tactical_members}, all in one transaction.
 */
@Component
public class SqlTacticalMembership implements TacticalMembership {

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    public SqlTacticalMembership(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public void assign(long runId, List<MembershipRule> segments, LocalDate asOf) {
        if (segments.isEmpty()) {
            return;
        }
        String partition = partition(runId);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                // one unit of work: a failure rolls the table back with everything else, the run keeps none of it
                execute(connection, "drop table if exists " + partition);
                // every segment in one statement; a table created from a query may use both cores (an insert ... select
                // is always planned serially)
                Fill fill = fill(runId, segments, asOf);
                try (PreparedStatement create = connection.prepareStatement(fill.sql())) {
                    bind(create, fill.parameters());
                    create.executeLargeUpdate();
                }
                // the parent's not-null columns and the check that spares the attach a scan, in one pass over the rows
                execute(connection, "alter table " + partition + " add constraint " + partition + "_run check (run_id = " + runId + "),"
                        + " alter column run_id set not null, alter column tactical_id set not null, alter column customer_key set not null");
                // indexes built once over the loaded rows; attaching checks the foreign keys for the whole table at once
                execute(connection, "alter table " + partition + " add primary key (run_id, tactical_id, customer_key)");
                execute(connection, "create index on " + partition + " (customer_key, run_id)");
                execute(connection, "alter table tactical_members attach partition " + partition + " for values in (" + runId + ")");
                saveSizes(connection, runId, segments, members(connection, partition));
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("could not compute the tactical segments of run " + runId + ": " + e.getMessage(), e);
        }
    }

    /** The run's own partition of tactical_members; the name is built from the numeric run id only. */
    static String partition(long runId) {
        return "tactical_members_" + runId;
    }

    record Fill(String sql, List<Object> parameters) {
    }

    /**
     * The statement that creates a run's membership table: a union of one branch per segment, each reading its
     * parent's members by the segment index and keeping those its rule matches, with the parent's column types.
     * PostgreSQL may spread the branches over both cores (a parallel append under a table created from a query).
     * The parent test is in each branch's where, not in a lateral join of every parent's members to all branches:
     * there the planner hoisted a rule's {@code exists} to a one-time filter evaluated before the parent test, for every
     * member of every parent (issue 19 item 2, measured at 1M). Each branch is {@link RuleSql#membersOf}: the customer's row is
     * joined only when the rule reads it (session 32).
     */
    static Fill fill(long runId, List<MembershipRule> segments, LocalDate asOf) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("create table ").append(partition(runId)).append(" (run_id, tactical_id, customer_key) as\n");
        for (int i = 0; i < segments.size(); i++) {
            MembershipRule segment = segments.get(i);
            SqlFragment members = RuleSql.membersOf(segment.rule(), asOf, runId, segment.parentSegment());
            sql.append(i == 0 ? "" : "union all\n").append("select ?::bigint, ?::bigint, a.customer_key")
                    .append(members.sql()).append('\n');
            parameters.add(runId);
            parameters.add(segment.tacticalId());
            parameters.addAll(members.parameters());
        }
        return new Fill(sql.toString(), parameters);
    }

    /** Members per segment, counted in the new table (every segment gets a count, zero if none matched). */
    private static Map<Long, Long> members(Connection connection, String partition) throws SQLException {
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

    private static void execute(Connection connection, String sql) throws SQLException {
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
     * Two statements instead of one {@code count(*) over ()} beside the sample: the sample walks the parent's members in
     * key order and stops at its size, and only when it fills up does a plain {@code count(*)} read every member; its
     * parallel workers count by themselves (the window had every matching row sent through the gather to one process
     * and kept in a tuplestore until the count was known). Both read the members as a run's tactical memberships do
     * ({@link RuleSql#membersOf}): the customer's row is joined only when the rule reads it, so a rule on scores,
     * metrics and aggregates costs no probe of each member's customer row; the sample names a member by a look-up of
     * its id only for the rows it returns (a scalar subquery in the select list runs for emitted rows only).
     */
    @Override
    public Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize) {
        SqlFragment members = RuleSql.membersOf(rule, asOf, runId, parentSegment); // predicted fields read the run by its id
        int limit = Math.max(1, sampleSize);
        List<Object> sampled = new ArrayList<>(members.parameters());
        sampled.add(limit);
        List<String> first = jdbc.sql("select (select x.customer_id from customers x where x.customer_key = a.customer_key)"
                        + members.sql() + " order by a.customer_key limit ?")
                .params(sampled).query(String.class).list();
        long matching = first.size() < limit ? first.size()
                : jdbc.sql("select count(*)" + members.sql()).params(members.parameters()).query(Long.class).single();
        long parent = jdbc.sql("select coalesce(max(customers), 0) from run_segments where run_id = ? and segment_key = ?")
                .params(runId, parentSegment).query(Long.class).single();
        return new Preview(matching, parent, List.copyOf(first.subList(0, Math.min(sampleSize, first.size()))));
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
