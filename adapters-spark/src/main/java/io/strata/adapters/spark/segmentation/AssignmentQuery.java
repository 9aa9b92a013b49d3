package io.strata.adapters.spark.segmentation;

import io.strata.adapters.spark.tactical.SparkRuleSql;
import io.strata.domain.rule.CheckedRule;
import io.strata.domain.rule.FieldCatalogue;
import io.strata.domain.rule.RuleConditions;
import io.strata.domain.rule.RuleError;
import io.strata.domain.segmentation.Basis;
import io.strata.domain.segmentation.LifecycleBasis;
import io.strata.domain.segmentation.LifecycleStage;
import io.strata.domain.segmentation.RfmBasis;
import io.strata.domain.segmentation.RfmRegion;
import io.strata.domain.segmentation.ThirdDimension;
import io.strata.domain.segmentation.Tier;
import io.strata.domain.segmentation.TierBasis;
import io.strata.domain.segmentation.TierMetric;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Compiles a general segmentation's basis into one Spark SQL query over the views {@code customers}, {@code orders},
 * {@code order_lines} and {@code events}, answering every customer's assignment: customer_key, segment_key, r, f, m,
 * recency_days, frequency, monetary. The meaning is the domain's reference evaluator's, as in the PostgreSQL adapter:
 * metrics as of D over orders before D + 1 day 00:00 UTC; score = 1 + floor(5 (rank − 1) / N) among buyers, rank()
 * ascending (recency descending); quantile tier = 1 + floor(k (rank − 1) / N); fixed tiers [from, to); customers who
 * never bought go to the basis's no-purchase segment; lifecycle stages in order, first match wins.
 */
public final class AssignmentQuery {

    private AssignmentQuery() {
    }

    public static SparkQuery compile(Basis basis, LocalDate asOf, FieldCatalogue catalogue) {
        SparkQuery query = new SparkQuery();
        basis.accept(new Basis.Visitor<Void>() {
            @Override
            public Void rfm(RfmBasis rfm) {
                rfmQuery(query, rfm, asOf);
                return null;
            }

            @Override
            public Void tiers(TierBasis tiers) {
                tiers.split().<Void>match(fixed -> {
                    fixedTiers(query, tiers, fixed.tiers(), asOf);
                    return null;
                }, quantiles -> {
                    quantileTiers(query, tiers, quantiles.segmentKeysLowToHigh(), asOf);
                    return null;
                });
                return null;
            }

            @Override
            public Void lifecycle(LifecycleBasis lifecycle) {
                lifecycleQuery(query, lifecycle, asOf, catalogue);
                return null;
            }
        });
        return query;
    }

    /**
     * Per-customer metrics as of D: frequency (orders with a positive total), monetary (all totals, returns included),
     * recency and tenure in UTC days, average order value and revenue per month (4 places), distinct categories.
     */
    static String metrics(SparkQuery query, LocalDate asOf, boolean withCategories) {
        String end = query.bind(asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
        String day = query.bind(asOf);
        String categories = withCategories ? """
                , cat as (
                  select o.customer_key, count(distinct l.category) as categories
                  from orders o join order_lines l on l.order_key = o.order_key
                  where o.ordered_at < %s and o.total > 0 and l.category is not null and l.category <> ''
                  group by o.customer_key
                )""".formatted(end) : "";
        return """
                with agg as (
                  select o.customer_key,
                         count(case when o.total > 0 then 1 end) as frequency,
                         sum(o.total) as monetary,
                         max(case when o.total > 0 then o.ordered_at end) as last_at,
                         min(case when o.total > 0 then o.ordered_at end) as first_at
                  from orders o
                  where o.ordered_at < %1$s
                  group by o.customer_key
                )%2$s,
                base as (
                  select c.customer_key,
                         cast(coalesce(a.frequency, 0) as int) as frequency,
                         cast(coalesce(a.monetary, 0) as decimal(38,4)) as monetary,
                         case when a.frequency > 0 then datediff(%3$s, to_date(a.last_at)) end as recency_days,
                         case when a.frequency > 0 then datediff(%3$s, to_date(a.first_at)) end as tenure_days%4$s
                  from customers c
                  left join agg a on a.customer_key = c.customer_key%5$s
                ),
                metrics as (
                  select b.*,
                         case when b.frequency > 0 then round(b.monetary / b.frequency, 4) end as avg_order_value,
                         case when b.frequency > 0 then round(b.monetary / greatest(1, b.tenure_days div 30), 4) end as revenue_per_month
                  from base b
                )
                """.formatted(end, categories, day,
                withCategories ? ",\n         case when a.frequency > 0 then cast(coalesce(cat.categories, 0) as int) end as categories" : "",
                withCategories ? "\n  left join cat on cat.customer_key = c.customer_key" : "");
    }

    private static void rfmQuery(SparkQuery query, RfmBasis rfm, LocalDate asOf) {
        boolean breadth = rfm.thirdDimension() == ThirdDimension.PRODUCT;
        query.append(metrics(query, asOf, breadth)).append("""
                , buyers as (
                  select m.*, count(*) over () as n,
                         rank() over (order by recency_days desc) as r_rank,
                         rank() over (order by frequency asc) as f_rank,
                         rank() over (order by %s asc) as m_rank
                  from metrics m where frequency > 0
                ),
                scored as (
                  select customer_key, cast(1 + (5 * (r_rank - 1)) div n as smallint) as r, cast(1 + (5 * (f_rank - 1)) div n as smallint) as f,
                         cast(1 + (5 * (m_rank - 1)) div n as smallint) as m
                  from buyers
                )
                select x.customer_key, case when x.frequency = 0 then\s""".formatted(breadth ? "categories" : "monetary"));
        query.appendBound(rfm.noPurchaseSegment()).append("\n");
        for (RfmRegion region : rfm.regions()) {
            query.append(" when s.r between " + region.r().from() + " and " + region.r().to()
                    + " and s.f between " + region.f().from() + " and " + region.f().to()
                    + " and s.m between " + region.third().from() + " and " + region.third().to() + " then ");
            query.appendBound(region.segmentKey()).append("\n");
        }
        query.append(" end as segment_key, s.r, s.f, s.m, x.recency_days, x.frequency, x.monetary\n")
                .append("from metrics x left join scored s on s.customer_key = x.customer_key");
    }

    /** Column names come from the domain's fixed enum, never from user text. */
    static String column(TierMetric metric) {
        return switch (metric) {
            case FREQUENCY -> "frequency";
            case MONETARY -> "monetary";
            case AVG_ORDER_VALUE -> "avg_order_value";
            case REVENUE_PER_MONTH -> "revenue_per_month";
            case CATEGORIES -> "categories";
            // the run's predictions live in PostgreSQL only (docs/scale-out.md)
            case PREDICTED_VALUE -> throw new IllegalArgumentException("tiers of predicted value are not computed on the Spark engine"
                    + " yet; run this segmentation on the PostgreSQL engine");
        };
    }

    private static void fixedTiers(SparkQuery query, TierBasis basis, List<Tier> tiers, LocalDate asOf) {
        String metric = "x." + column(basis.metric());
        query.append(metrics(query, asOf, basis.metric() == TierMetric.CATEGORIES))
                .append("select x.customer_key, case when x.frequency = 0 then ");
        query.appendBound(basis.noPurchaseSegment()).append("\n");
        for (Tier tier : tiers) {
            // an open end is no condition at all (Spark has no typed null parameter)
            String from = tier.from() == null ? "true" : metric + " >= " + query.bind(tier.from());
            String to = tier.to() == null ? "true" : metric + " < " + query.bind(tier.to());
            query.append(" when " + from + " and " + to + " then ").appendBound(tier.segmentKey()).append("\n");
        }
        query.append(" end as segment_key, cast(null as smallint) as r, cast(null as smallint) as f, cast(null as smallint) as m, "
                + "x.recency_days, x.frequency, x.monetary from metrics x");
    }

    private static void quantileTiers(SparkQuery query, TierBasis basis, List<String> keysLowToHigh, LocalDate asOf) {
        String metric = column(basis.metric());
        int k = keysLowToHigh.size();
        query.append(metrics(query, asOf, basis.metric() == TierMetric.CATEGORIES)).append("""
                , ranked as (
                  select customer_key, 1 + (%d * (rank() over (order by %s asc) - 1)) div count(*) over () as tier
                  from metrics where frequency > 0
                )
                select x.customer_key, case when x.frequency = 0 then\s""".formatted(k, metric));
        query.appendBound(basis.noPurchaseSegment()).append("\n");
        for (int i = 0; i < k; i++) {
            query.append(" when q.tier = " + (i + 1) + " then ").appendBound(keysLowToHigh.get(i)).append("\n");
        }
        query.append(" end as segment_key, cast(null as smallint) as r, cast(null as smallint) as f, cast(null as smallint) as m, "
                + "x.recency_days, x.frequency, x.monetary\nfrom metrics x left join ranked q on q.customer_key = x.customer_key");
    }

    /** First matching stage wins; the rules see the metrics and the profile, no scores (lifecycles have none). */
    private static void lifecycleQuery(SparkQuery query, LifecycleBasis lifecycle, LocalDate asOf, FieldCatalogue catalogue) {
        RuleConditions conditions = new RuleConditions(catalogue);
        query.append(metrics(query, asOf, false)).append(
                ", a0 as (select mm.*, cast(null as smallint) as r, cast(null as smallint) as f, cast(null as smallint) as m from metrics mm)\n");
        List<LifecycleStage> stages = lifecycle.stages();
        AtomicInteger aliases = new AtomicInteger();
        StringBuilder cases = new StringBuilder("case");
        StringBuilder joins = new StringBuilder();
        for (int i = 0; i < stages.size() - 1; i++) {
            LifecycleStage stage = stages.get(i);
            CheckedRule rule = stage.condition().<CheckedRule>match(text -> checked(conditions, stage.segmentKey(), text.text()), otherwise -> null);
            SparkRuleSql.Compiled compiled = SparkRuleSql.compile(rule, asOf, query, aliases);
            cases.append(" when ").append(compiled.condition()).append(" then ").append(query.bind(stage.segmentKey())).append("\n");
            compiled.joins().forEach(join -> joins.append(join).append("\n"));
        }
        String last = query.bind(stages.get(stages.size() - 1).segmentKey());
        // a lifecycle of one catch-all stage is a constant; Spark SQL has no CASE without WHEN
        String segment = stages.size() == 1 ? last : cases.append(" else ").append(last).append(" end").toString();
        query.append("select a.customer_key, ").append(segment)
                .append(" as segment_key, a.r, a.f, a.m, a.recency_days, a.frequency, a.monetary\n")
                .append("from a0 a join customers c on c.customer_key = a.customer_key\n").append(joins.toString());
    }

    private static CheckedRule checked(RuleConditions conditions, String segmentKey, String rule) {
        try {
            return conditions.check(rule);
        } catch (RuleError e) {
            throw new IllegalArgumentException("the condition of lifecycle stage '" + segmentKey + "' is not a valid rule: " + e.getMessage(), e);
        }
    }
}
