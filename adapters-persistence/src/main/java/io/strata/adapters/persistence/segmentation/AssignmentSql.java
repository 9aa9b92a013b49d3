package io.strata.adapters.persistence.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * Compiles a plan into one CREATE TABLE ... AS SELECT that writes every customer's assignment of a run into the run's
 * new partition (not yet attached). Values are bind
 * parameters (positional, in {@link #parameters()}); the only identifiers spliced in come from fixed enums.
 */
final class AssignmentSql {

    /** The columns of run_assignments, in its order. */
    static final String COLUMNS = "run_id, customer_key, segment_key, r, f, m, recency_days, frequency, monetary";

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();

    private AssignmentSql() {
    }

    String sql() {
        return sql.toString();
    }

    List<Object> parameters() {
        return parameters;
    }

    /** Parameters in order: the end instant and as-of date where the metrics use them, then segment values. */
    static AssignmentSql compile(SqlPlan plan, long runId, java.sql.Timestamp end, java.sql.Date asOf, boolean fromFacts) {
        AssignmentSql out = new AssignmentSql();
        String metrics = MetricsSql.metrics(plan.needsCategories(), fromFacts, plan.needsRatios());
        // create table ... as select, not insert ... select: PostgreSQL plans an insert serially, a table created from a
        // query may use parallel workers (issue 19 item 2). The casts give the new table exactly the parent's column
        // types (a text parameter would otherwise make segment_key varchar and the attach fail); its not-null
        // columns and partition check are added before the attach.
        out.sql.append("create table ").append(SqlSegmentationRun.partition(runId)).append(" (").append(COLUMNS).append(") as\n")
                .append("select q.run_id::bigint, q.customer_key::bigint, q.segment_key::text, q.r::smallint, q.f::smallint, q.m::smallint,\n")
                .append("       q.recency_days::integer, q.frequency::integer, q.monetary::numeric(19, 4)\nfrom (\n")
                .append("with metrics as (").append(out.bindNamed(metrics, end, asOf)).append("),\n");
        if (plan.needsPredictions()) {
            // predictions are fitted and stored before the run assigns (PredictionService is a run preparation)
            out.sql.append("predicted as (select mm.*, pv.predicted_value from metrics mm left join run_customer_predictions pv "
                    + "on pv.run_id = ? and pv.customer_key = mm.customer_key),\n");
            out.parameters.add(runId);
        }
        plan.accept(new SqlPlan.Visitor<Void>() {
            @Override
            public Void rfm(SqlPlan.Rfm rfm) {
                out.rfm(rfm, runId);
                return null;
            }

            @Override
            public Void fixedTiers(SqlPlan.FixedTiers tiers) {
                out.fixedTiers(tiers, runId);
                return null;
            }

            @Override
            public Void quantileTiers(SqlPlan.QuantileTiers tiers) {
                out.quantileTiers(tiers, runId);
                return null;
            }

            @Override
            public Void lifecycle(SqlPlan.Lifecycle lifecycle) {
                out.lifecycle(lifecycle, runId, asOf.toLocalDate());
                return null;
            }
        });
        // the partition's rows in segment order: a preview or a tactical segment reads one segment's members, which then
        // lie on consecutive pages instead of a few on every page of the run (issue 19 item 4)
        out.sql.append("\n) q (").append(COLUMNS).append(")\norder by 3, 2");
        return out;
    }

    /** Replaces :end and :asof by positional parameters, in the order they appear. */
    private String bindNamed(String text, java.sql.Timestamp end, java.sql.Date asOf) {
        java.util.regex.Matcher names = java.util.regex.Pattern.compile(":(end|asof)\\b").matcher(text);
        StringBuilder bound = new StringBuilder();
        while (names.find()) {
            parameters.add(names.group(1).equals("end") ? end : asOf);
            names.appendReplacement(bound, "?");
        }
        names.appendTail(bound);
        return bound.toString();
    }

    private void rfm(SqlPlan.Rfm plan, long runId) {
        String third = plan.third() == SqlPlan.Third.CATEGORIES ? "categories" : "monetary";
        // score = 1 + floor(5 (rank - 1) / N) among buyers, where rank - 1 is the number of buyers before the value
        // (ties share a rank): counted once per distinct value from a running sum over the values' counts, then looked
        // up by value. Three sorts of a few hundred to a few hundred thousand distinct values and three hash joins
        // instead of three window sorts over every buyer and a join back by customer (issue 19 item 2).
        sql.append("""
                %s,
                %s,
                %s,
                scored as (
                  select x.customer_key, x.frequency, x.monetary, x.recency_days, rs.score as r, fs.score as f, ms.score as m
                  from metrics x
                  left join r_scores rs on x.frequency > 0 and rs.v = x.recency_days
                  left join f_scores fs on x.frequency > 0 and fs.v = x.frequency
                  left join m_scores ms on x.frequency > 0 and ms.v = x.%s
                )
                select ?, s.customer_key, case when s.frequency = 0 then ?
                """.formatted(scores("r_scores", "recency_days", "desc"), scores("f_scores", "frequency", "asc"),
                scores("m_scores", third, "asc"), third));
        parameters.add(runId);
        parameters.add(plan.prospectKey());
        for (SqlPlan.ScoreRegion region : plan.regions()) {
            sql.append(" when s.r between ? and ? and s.f between ? and ? and s.m between ? and ? then ?\n");
            parameters.add(region.rFrom());
            parameters.add(region.rTo());
            parameters.add(region.fFrom());
            parameters.add(region.fTo());
            parameters.add(region.mFrom());
            parameters.add(region.mTo());
            parameters.add(region.segmentKey());
        }
        sql.append(" end, s.r, s.f, s.m, s.recency_days, s.frequency, s.monetary\n").append("from scored s");
    }

    /**
     * One row per distinct value of a metric among buyers with its score: 1 + 5 × (buyers strictly before it in the
     * given order) / buyers, in integers (the division floors), as {@code rank()} over all buyers would give it.
     */
    private static String scores(String name, String column, String direction) {
        return """
                %1$s as (
                  select %2$s as v, (1 + 5 * (sum(count(*)) over (order by %2$s %3$s) - count(*))::bigint
                                       / (sum(count(*)) over ())::bigint)::smallint as score
                  from metrics where frequency > 0 group by %2$s
                )""".formatted(name, column, direction);
    }

    private void fixedTiers(SqlPlan.FixedTiers plan, long runId) {
        String metric = plan.metric().column;
        sql.append("x as (select * from ").append(source(plan)).append(")\nselect ?, x.customer_key, case when x.frequency = 0 then ?\n");
        parameters.add(runId);
        parameters.add(plan.prospectKey());
        for (SqlPlan.Tier tier : plan.tiers()) {
            sql.append(" when (?::numeric is null or x.").append(metric).append(" >= ?::numeric) and (?::numeric is null or x.")
                    .append(metric).append(" < ?::numeric) then ?\n");
            parameters.add(tier.from());
            parameters.add(tier.from());
            parameters.add(tier.to());
            parameters.add(tier.to());
            parameters.add(tier.segmentKey());
        }
        sql.append(" end, null, null, null, x.recency_days, x.frequency, x.monetary from x");
    }

    /** First matching stage wins; the rules see the metrics and profile, no scores (lifecycles have none). */
    private void lifecycle(SqlPlan.Lifecycle plan, long runId, java.time.LocalDate day) {
        // run_id: stage rules may read the run's predictions, which are stored before assignment
        sql.append("a as (select mm.*, null::smallint as r, null::smallint as f, null::smallint as m, ?::bigint as run_id from metrics mm)\n")
                .append("select ?, a.customer_key, ");
        parameters.add(runId);
        parameters.add(runId);
        List<SqlPlan.Stage> stages = plan.stages();
        // a lifecycle of one catch-all stage is a constant; SQL has no CASE without WHEN
        sql.append(stages.size() == 1 ? "coalesce(null" : "case");
        for (int i = 0; i < stages.size() - 1; i++) {
            io.strata.adapters.persistence.tactical.SqlFragment rule =
                    io.strata.adapters.persistence.tactical.RuleSql.compile(stages.get(i).rule(), day);
            sql.append(" when ").append(rule.sql()).append(" then ?\n");
            parameters.addAll(rule.parameters());
            parameters.add(stages.get(i).segmentKey());
        }
        sql.append(stages.size() == 1 ? ", ?)" : " else ? end").append(", null, null, null, a.recency_days, a.frequency, a.monetary\n")
                .append("from a join customers c on c.customer_key = a.customer_key");
        parameters.add(plan.prospectKey());
    }

    private void quantileTiers(SqlPlan.QuantileTiers plan, long runId) {
        String metric = plan.metric().column;
        int k = plan.segmentKeysLowToHigh().size();
        sql.append("""
                ranked as (
                  select customer_key, 1 + %d * (rank() over (order by %s asc) - 1) / count(*) over () as tier
                  from %s where frequency > 0
                )
                select ?, x.customer_key, case when x.frequency = 0 then ?
                """.formatted(k, metric, source(plan)));
        parameters.add(runId);
        parameters.add(plan.prospectKey());
        for (int i = 0; i < k; i++) {
            sql.append(" when q.tier = ? then ?\n");
            parameters.add(i + 1);
            parameters.add(plan.segmentKeysLowToHigh().get(i));
        }
        sql.append(" end, null, null, null, x.recency_days, x.frequency, x.monetary\nfrom ").append(source(plan))
                .append(" x left join ranked q on q.customer_key = x.customer_key");
    }

    /** The CTE tiers read: the metrics, or the metrics with the run's predicted value. */
    private static String source(SqlPlan plan) {
        return plan.needsPredictions() ? "predicted" : "metrics";
    }
}
