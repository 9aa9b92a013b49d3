package io.strata.adapters.persistence.tactical;

import io.strata.application.tactical.TacticalMembership;
import io.strata.domain.rule.CheckedRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Tactical memberships computed in PostgreSQL: the compiled rule filters the run's members of the parent segment. */
@Component
public class SqlTacticalMembership implements TacticalMembership {

    private final JdbcClient jdbc;

    public SqlTacticalMembership(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long assign(long runId, long tacticalId, String parentSegment, CheckedRule rule, LocalDate asOf) {
        SqlFragment where = RuleSql.compile(rule, asOf);
        List<Object> parameters = new ArrayList<>(List.of(runId, tacticalId, runId, parentSegment));
        parameters.addAll(where.parameters());
        long members = jdbc.sql("insert into tactical_members (run_id, tactical_id, customer_key) "
                        + "select ?, ?, a.customer_key from run_assignments a join customers c on c.customer_key = a.customer_key "
                        + "where a.run_id = ? and a.segment_key = ? and " + where.sql())
                .params(parameters).update();
        // the run's summary is written after its follow-ups, so count the parent here
        long parent = jdbc.sql("select count(*) from run_assignments where run_id = ? and segment_key = ?")
                .params(runId, parentSegment).query(Long.class).single();
        jdbc.sql("insert into tactical_run_sizes (run_id, tactical_id, members, parent_customers) values (?, ?, ?, ?)")
                .params(runId, tacticalId, members, parent).update();
        return members;
    }

    @Override
    public Preview preview(long runId, String parentSegment, CheckedRule rule, LocalDate asOf, int sampleSize) {
        SqlFragment where = RuleSql.compile(rule, asOf);
        List<Object> parameters = new ArrayList<>(List.of(runId, parentSegment));
        parameters.addAll(where.parameters());
        parameters.add(Math.max(1, sampleSize));
        // one pass: the count rides along with the first rows of the sample
        long[] count = {0};
        List<String> sample = new ArrayList<>();
        jdbc.sql("select c.customer_id, count(*) over () from run_assignments a join customers c on c.customer_key = a.customer_key "
                        + "where a.run_id = ? and a.segment_key = ? and " + where.sql() + " order by a.customer_key limit ?")
                .params(parameters)
                .query(rs -> {
                    count[0] = rs.getLong(2);
                    if (sample.size() < sampleSize) {
                        sample.add(rs.getString(1));
                    }
                });
        long parent = jdbc.sql("select coalesce(max(customers), 0) from run_segments where run_id = ? and segment_key = ?")
                .params(runId, parentSegment).query(Long.class).single();
        return new Preview(count[0], parent, sample);
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
}
