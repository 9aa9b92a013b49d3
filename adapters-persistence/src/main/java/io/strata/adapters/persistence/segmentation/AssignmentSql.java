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
    static final String COLUMNS = "run_id, customer_key, segment_key, r, f, m, recency_days, frequency, monetary, buyer_x, buyer_recency_days,"
            + " buyer_age_days, buyer_repeat_average";

    /** The buyer pattern columns every plan's rows end with, as the metrics give them (see MetricsSql). */
    private static final String BUYER_PATTERN = "%1$s.buyer_x, %1$s.buyer_recency_days, %1$s.buyer_age_days, %1$s.buyer_repeat_average";

    private final StringBuilder sql = new StringBuilder();
    private final List<Object> parameters = new ArrayList<>();
    private KeyRange range;

    private AssignmentSql() {
    }

    String sql() {
        return sql.toString();
    }

    List<Object> parameters() {
        return parameters;
    }

    /**
     * Parameters in order: the end instant and as-of date where the metrics use them, then segment values.
     * {@code thresholds}: for an RFM plan, the row {@link #scoreThresholds} answered on the run's snapshot (12 values:
     * r, f and the third score's thresholds of scores 2 to 5); ignored by other plans.
     */
    static AssignmentSql compile(SqlPlan plan, long runId, java.sql.Timestamp end, java.sql.Date asOf, boolean fromFacts,
                                 List<Object> thresholds, List<String> segmentKeys) {
        return compile(plan, runId, end, asOf, fromFacts, thresholds, false, segmentKeys);
    }

    /**
     * {@code buyerPatterns}: the rows carry each buyer's pattern as the prediction models see it (only when the run reads
     * the purchase facts; see MetricsSql), for the run's predictions to read from there instead of a buyer table.
     * {@code segmentKeys}: the definition's segment keys, which order the rows ({@link #SEGMENT_ORDER}).
     */
    static AssignmentSql compile(SqlPlan plan, long runId, java.sql.Timestamp end, java.sql.Date asOf, boolean fromFacts,
                                 List<Object> thresholds, boolean buyerPatterns, List<String> segmentKeys) {
        return compile(plan, runId, end, asOf, fromFacts, thresholds, buyerPatterns, segmentKeys, SqlSegmentationRun.partition(runId), null);
    }

    /**
     * The customers whose key is at least {@code from} and below {@code to}: the part of a run one connection writes
     * (see SqlSegmentationRun). Only for plans whose rows are each a customer's own ({@link SqlPlan#rowsPerCustomer}).
     */
    record KeyRange(long from, long to) {
    }

    /** As above, into {@code table}; {@code range}: only those customers (null: all). */
    static AssignmentSql compile(SqlPlan plan, long runId, java.sql.Timestamp end, java.sql.Date asOf, boolean fromFacts,
                                 List<Object> thresholds, boolean buyerPatterns, List<String> segmentKeys, String table, KeyRange range) {
        if (range != null && !plan.rowsPerCustomer()) {
            throw new IllegalArgumentException("this plan's rows depend on all customers: it cannot assign a part of them");
        }
        AssignmentSql out = new AssignmentSql();
        out.range = range;
        String metrics = MetricsSql.metrics(plan.needsCategories(), fromFacts, plan.needsRatios(), buyerPatterns, range != null);
        // create table ... as select, not insert ... select: PostgreSQL plans an insert serially, a table created from a
        // query may use parallel workers (issue 19 item 2). The casts give the new table exactly the parent's column
        // types (a text parameter would otherwise make segment_key varchar and the attach fail); its not-null
        // columns and partition check are added before the attach.
        // autovacuum kept away until the run's follow-ups have vacuumed and analysed it (RunPartitionsAutovacuum)
        out.sql.append("create table ").append(table).append(" (").append(COLUMNS).append(")").append(RunPartitionsAutovacuum.OFF).append(" as\n")
                .append("select q.run_id::bigint, q.customer_key::bigint, q.segment_key::text, q.r::smallint, q.f::smallint, q.m::smallint,\n")
                .append("       q.recency_days::integer, q.frequency::integer, q.monetary::numeric(38, 4), q.buyer_x::integer,\n")
                .append("       q.buyer_recency_days::integer, q.buyer_age_days::integer, q.buyer_repeat_average::float8\nfrom (\n")
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
                out.rfm(rfm, runId, thresholds);
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
        out.sql.append("\n) q (").append(COLUMNS).append(")\norder by ").append(SEGMENT_ORDER);
        out.parameters.add(segmentKeys.stream().sorted().toArray(String[]::new));
        return out;
    }

    /**
     * The rows' order, one bigint per row: the segment's place among the definition's keys (sorted by their chars,
     * which is the order of the embedded server's collation C.UTF-8 for keys [a-z][a-z0-9_]*) in the top bits, the
     * customer's key below (keys under 2^56). The rows come in the order "by segment key, then customer key" gave, so
     * the segment index's build still finds its input sorted; but each comparison of the sort is one of two integers
     * held in the sort's own array, where the two keys (text, then the customer's key on every tie: nearly every
     * comparison, with eleven segments) made the sort fetch both rows for most comparisons: 1.56 s against 0.71 s of
     * one process's CPU at 1M (EXPLAIN ANALYZE, docs/benchmarks.md "Session 37: runs"). Only the rows' order depends on
     * it, never a result: a key outside the list (none: the keys are the definition's) sorts last.
     */
    private static final String SEGMENT_ORDER = "(array_position(?::text[], q.segment_key)::bigint << 56) | q.customer_key";

    /** Replaces :end, :asof and the key range's :lo and :hi by positional parameters, in the order they appear. */
    private String bindNamed(String text, java.sql.Timestamp end, java.sql.Date asOf) {
        java.util.regex.Matcher names = java.util.regex.Pattern.compile(":(end|asof|lo|hi)\\b").matcher(text);
        StringBuilder bound = new StringBuilder();
        while (names.find()) {
            parameters.add(switch (names.group(1)) {
                case "end" -> end;
                case "asof" -> asOf;
                case "lo" -> range.from();
                default -> range.to();
            });
            names.appendReplacement(bound, "?");
        }
        names.appendTail(bound);
        return bound.toString();
    }

    private void rfm(SqlPlan.Rfm plan, long runId, List<Object> thresholds) {
        if (thresholds.size() != 3 * (SCORES - 1)) {
            throw new IllegalArgumentException("an RFM assignment needs the score thresholds of its run (scoreThresholds)");
        }
        String third = third(plan);
        // score = 1 + floor(5 (rank - 1) / N) among buyers (ties share a rank) only steps up at four values per metric,
        // found beforehand on the same snapshot (scoreThresholds): here each score is one width_bucket over those values,
        // no window and no join, so the metrics are read once and the whole statement, sort included, may run on both
        // cores (issue 19 item 2; with score tables joined in, the metrics were a shared CTE and the plan serial).
        // Recency scores up as the days go down: its thresholds and value are negated, so that all three count the
        // thresholds at or below the value.
        sql.append("scored as (\n  select x.customer_key, x.frequency, x.monetary, x.recency_days, ").append(BUYER_PATTERN.formatted("x")).append(", ")
                .append(score("-x.recency_days", "int", negated(thresholds.subList(0, 4)))).append(" as r, ")
                .append(score("x.frequency", "int", thresholds.subList(4, 8))).append(" as f, ")
                .append(score("x." + third, plan.third() == SqlPlan.Third.CATEGORIES ? "int" : "numeric", thresholds.subList(8, 12)))
                .append(" as m\n  from metrics x\n)\n")
                // the segment: one subscript into the grid's 125 cells, resolved from the regions in Java (ScoreGrid)
                .append("select ?, s.customer_key, case when s.frequency = 0 then ? else (?::text[])[")
                .append(ScoreGrid.CELL.formatted("s.r", "s.f", "s.m")).append("] end,\n")
                .append(" s.r, s.f, s.m, s.recency_days, s.frequency, s.monetary, ").append(BUYER_PATTERN.formatted("s")).append("\n")
                .append("from scored s");
        parameters.add(runId);
        parameters.add(plan.prospectKey());
        parameters.add(ScoreGrid.cells(plan.regions()));
    }

    /** Scores of RFM and their number. */
    static final int SCORES = 5;

    private static String third(SqlPlan.Rfm plan) {
        return plan.third() == SqlPlan.Third.CATEGORIES ? "categories" : "monetary";
    }

    /**
     * A buyer's score: 1 plus the thresholds at or below its value, null for non-buyers. width_bucket counts them by a
     * binary search over an ascending array without nulls; a threshold no value reaches is null and counts for nobody,
     * so it is left out (the order of the rest does not change the count, so they are sorted here).
     */
    private String score(String value, String type, List<Object> thresholds) {
        List<Comparable<Object>> reached = new ArrayList<>();
        for (Object threshold : thresholds) {
            if (threshold != null) {
                @SuppressWarnings("unchecked")
                Comparable<Object> comparable = (Comparable<Object>) threshold;
                reached.add(comparable);
            }
        }
        reached.sort(null);
        StringBuilder expression = new StringBuilder("case when x.frequency > 0 then (1 + width_bucket(").append(value).append(", array[");
        for (int i = 0; i < reached.size(); i++) {
            expression.append(i == 0 ? "?" : ", ?");
            parameters.add(reached.get(i));
        }
        return expression.append("]::").append(type).append("[]))::smallint end").toString();
    }

    /** Recency's thresholds (days, integers) negated, nulls kept. */
    private static List<Object> negated(List<Object> days) {
        List<Object> negated = new ArrayList<>();
        for (Object day : days) {
            negated.add(day == null ? null : -((Number) day).intValue());
        }
        return negated;
    }

    /**
     * One row of 12 values: for r (recency, fewer days first), f and the third score, the value from which a buyer
     * has score 2, 3, 4 and 5. With b(v) the buyers strictly before value v in the score's order and N the buyers,
     * score(v) = 1 + floor(5 b(v) / N), as {@code rank()} over all buyers gives it; b grows with v, so score(v) >= k
     * exactly when 5 b(v) >= (k - 1) N, which holds from one distinct value on (null when from none). r's and f's
     * distinct values are counted in one pass over the buyers, per (r, f) pair ({@link #R_AND_F}: about 8,000 pairs
     * at 1M customers); the third score's per unit u (its value's floor) and then inside the four units that hold a
     * boundary ({@link #THIRD_BY_BUCKETS}: 188,000 distinct amounts at 1M customers). When the run reads the facts and
     * the third score is monetary, the buyers are the facts' rows with an order above 0, read three times by parallel
     * scans without the join to customers (every facts row is a customer's: facts are sums of orders, and orders
     * reference customers), u being the facts' own {@code monetary_floor} (changeset 400: a bigint with statistics of
     * its own, so that PostgreSQL counts the units in parallel); otherwise the metrics are computed once into the
     * buyers, u = floor(m).
     */
    static AssignmentSql scoreThresholds(SqlPlan.Rfm plan, java.sql.Timestamp end, java.sql.Date asOf, boolean fromFacts) {
        AssignmentSql out = new AssignmentSql();
        if (fromFacts && plan.third() == SqlPlan.Third.MONETARY) {
            out.sql.append("with buyers as not materialized (").append(out.bindNamed(MetricsSql.BUYERS_FROM_FACTS, end, asOf)).append("),\n");
        } else {
            String metrics = MetricsSql.metrics(plan.needsCategories(), fromFacts, plan.needsRatios());
            out.sql.append("with metrics as (").append(out.bindNamed(metrics, end, asOf)).append("),\n")
                    .append("buyers as materialized (select recency_days as r, frequency as f, ").append(third(plan))
                    .append(" as m, floor(").append(third(plan)).append(") as u from metrics where frequency > 0),\n");
        }
        out.sql.append(R_AND_F).append(",\n").append(before("r", "desc")).append(",\n").append(before("f", "asc")).append(",\n")
                .append(THIRD_BY_BUCKETS).append("\nselect ");
        StringBuilder columns = new StringBuilder();
        for (String metric : List.of("r", "f")) {
            for (int k = 2; k <= SCORES; k++) {
                columns.append(columns.isEmpty() ? "" : ", ").append("(select ").append(metric.equals("r") ? "max" : "min")
                        .append("(v) from ").append(metric).append("_before where ").append(SCORES).append(" * before >= ")
                        .append(k - 1).append(" * total)");
            }
        }
        for (int k = 2; k <= SCORES; k++) {
            columns.append(", (select v from m_at where k = ").append(k).append(')');
        }
        out.sql.append(columns);
        return out;
    }

    /**
     * The buyers per (r, f) pair: one pass for both scores' histograms, which {@link #before} sums from it (a histogram
     * each was a scan of the buyers each; r and f have a few hundred and a few dozen values, so PostgreSQL expects few
     * pairs and counts them in parallel).
     */
    private static final String R_AND_F = "r_and_f as materialized (select r, f, count(*) as n from buyers group by r, f)";

    /**
     * The third score's four thresholds (m_at: k, v) without grouping the buyers by every distinct value (at 1M
     * customers 188,000 distinct amounts: the hash aggregate, its sort and windows were most of the thresholds' time,
     * issue 19 item 2). The unit u orders the buyers as m does (v < w implies u(v) <= u(w), and equal values share a
     * unit), so with the buyers counted per unit (bucket): b(v) for a value v in bucket B is (buyers in buckets below B)
     * + (buyers of B below v). Score
     * k needs b(v) >= (k - 1) N / 5: no value in a bucket before B_k qualifies, where B_k is the first bucket whose
     * buyers together reach (k - 1) N / 5 (every value there has b below its bucket's end, which is short of it);
     * every value after B_k qualifies (b >= the end of B_k); so the threshold is the smallest qualifying value of B_k
     * itself, counted exactly in a second pass over that bucket's buyers only, or else the first value after B_k (the
     * next bucket's lowest), or none. The same values as grouping all buyers by m (before this, and
     * {@code scoresOnTheExactBoundariesOfTheFifthsAreTheRanks}, {@code thirdScoreThresholdsFromBuckets} pin it).
     */
    private static final String THIRD_BY_BUCKETS = """
            m_bucket as materialized (
              select bucket, lo, sum(n) over (order by bucket) - n as before, sum(n) over (order by bucket) as through,
                     sum(n) over () as total, lead(lo) over (order by bucket) as next_lo
              from (select u as bucket, count(*) as n, min(m) as lo from buyers group by 1) b
            ),
            m_target as materialized (
              select k, t.bucket, t.before, t.total, t.next_lo
              from generate_series(2, %1$d) k,
                   lateral (select * from m_bucket where %1$d * through >= (k - 1) * total order by bucket limit 1) t
            ),
            m_inner as materialized (
              select u as bucket, m as v, sum(count(*)) over (partition by u order by m) - count(*) as below
              from buyers where u in (select bucket from m_target) group by u, m
            ),
            m_at as (
              select t.k, coalesce((select min(i.v) from m_inner i where i.bucket = t.bucket and %1$d * (t.before + i.below) >= (t.k - 1) * t.total),
                                   t.next_lo) as v
              from m_target t
            )""".formatted(SCORES);

    /** Per distinct value of one score's metric among buyers: the buyers strictly before it in the score's order, and all buyers. */
    private static String before(String metric, String direction) {
        return """
                %1$s_before as (
                  select %1$s as v, sum(sum(n)) over (order by %1$s %2$s) - sum(n) as before, sum(sum(n)) over () as total
                  from r_and_f group by %1$s
                )""".formatted(metric, direction);
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
        sql.append(" end, null, null, null, x.recency_days, x.frequency, x.monetary, ").append(BUYER_PATTERN.formatted("x")).append(" from x");
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
        sql.append(stages.size() == 1 ? ", ?)" : " else ? end").append(", null, null, null, a.recency_days, a.frequency, a.monetary, ")
                .append(BUYER_PATTERN.formatted("a")).append("\n")
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
        sql.append(" end, null, null, null, x.recency_days, x.frequency, x.monetary, ").append(BUYER_PATTERN.formatted("x"))
                .append("\nfrom ").append(source(plan))
                .append(" x left join ranked q on q.customer_key = x.customer_key");
    }

    /** The CTE tiers read: the metrics, or the metrics with the run's predicted value. */
    private static String source(SqlPlan plan) {
        return plan.needsPredictions() ? "predicted" : "metrics";
    }
}
